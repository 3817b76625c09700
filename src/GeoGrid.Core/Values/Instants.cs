using System.Globalization;

namespace GeoGrid.Core.Values;

/// <summary>
/// The one rule for dates and times users type, in every place that takes them (<c>/ogc</c>
/// <c>datetime</c>, CQL2 literals, <c>/analyses</c> <c>from</c>/<c>to</c>, imported attributes): an
/// RFC 3339 date-time with an offset is that instant; a date-time without one, and a bare date, are in
/// China Standard Time (UTC+08:00), the time zone the data is recorded in; a bare date stands for its
/// whole day.
/// </summary>
public static class Instants
{
    public static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    // Years outside this range are typing mistakes in a governance record, and beyond PostgreSQL's or
    // .NET's calendars at the far ends.
    private static readonly DateTimeOffset s_earliest = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset s_latest = new(2200, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // A query literal may name any year a calendar holds (CQL2's own examples use 1851): it is compared,
    // never stored. The ends keep a day's arithmetic and an offset inside .NET's calendar.
    private static readonly DateTimeOffset s_earliestQuery = new(100, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset s_latestQuery = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The first and last instant <paramref name="text"/> stands for (equal for a date-time,
    /// a whole day for a date), or null when it is not a date or date-time. <paramref name="anyYear"/>
    /// widens the years from 1900–2199 (what a record may hold) to 100–9998 (what a query may name).</summary>
    public static (DateTimeOffset Start, DateTimeOffset End)? TryParse(string? text, bool anyYear = false)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40)
        {
            return null;
        }

        text = text.Trim();
        if (text.Length < 4 || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 100 || year > 9998)
        {
            // Out of every range, and an offset at the calendar's ends would leave it (year 1 at +08:00).
            return null;
        }

        (DateTimeOffset, DateTimeOffset)? result = null;
        if (text.Length == 10 && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), ChinaStandardTime);
            result = (start, start.AddDays(1).AddTicks(-1));
        }
        else if (text.Length > 10 && (text[10] is 'T' or 't' or ' ')
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var at))
        {
            // DateTimeOffset.TryParse takes the machine's zone when none is given; the rule is CST.
            if (!HasOffset(text))
            {
                at = new DateTimeOffset(at.DateTime, ChinaStandardTime);
            }

            result = (at, at);
        }

        return result is { } r && r.Item1 >= (anyYear ? s_earliestQuery : s_earliest) && r.Item2 < (anyYear ? s_latestQuery : s_latest) ? r : null;
    }

    /// <summary>The instant <paramref name="text"/> names (a bare date: its first moment), or null.</summary>
    public static DateTimeOffset? TryParseInstant(string? text) => TryParse(text)?.Start;

    private static bool HasOffset(string text)
    {
        var time = text[11..];
        return time.EndsWith('Z') || time.EndsWith('z') || time.Contains('+') || time.LastIndexOf('-') > 0;
    }
}
