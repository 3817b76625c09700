using GeoGrid.Server.Http;
using GeoGrid.Storage.Access;
using Npgsql;

namespace GeoGrid.Server.Access;

/// <summary>An administrative area named in a request by its code or its name (高村乡), resolved to one code.</summary>
public static class AreaParameter
{
    public static async Task<(string Code, string Name)?> ReadAsync(NpgsqlDataSource dataSource, string? text, string parameter, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var found = await AreaLimits.FindAsync(dataSource, text, ct).ConfigureAwait(false);
        return found.Count switch
        {
            1 => (found[0].Code, found[0].Name),
            0 => throw new ParameterException(parameter, $"no administrative area has the code or name '{RequestGrammar.Shorten(text)}'"),
            _ => throw new ParameterException(parameter, $"'{RequestGrammar.Shorten(text)}' names {found.Count} areas: {string.Join(", ", found.Select(f => $"{f.Name} in {f.District} ({f.Code})"))}; give the code"),
        };
    }
}
