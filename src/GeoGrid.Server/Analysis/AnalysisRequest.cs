using System.Globalization;
using GeoGrid.Core.Analysis.Runs;
using GeoGrid.Core.Domain;
using GeoGrid.Storage.Analysis;
using Microsoft.AspNetCore.Http;

namespace GeoGrid.Server.Analysis;

/// <summary>
/// An analysis request over HTTP: the analysis's own parameters plus where its input comes from —
/// <c>source</c> (reports, sites or grids), <c>area</c> (an administrative or grid code),
/// <c>category</c>, <c>from</c>/<c>to</c> (ISO dates), <c>grid-level</c>; <c>parent</c> and
/// <c>depth</c> for coverage. Everything is checked before any work starts.
/// </summary>
public sealed record AnalysisRequest(IAnalysis Analysis, ParameterValues Values, IReadOnlyDictionary<string, string?> Query, string Source, IncidentFilter Filter, string? AreaCode, int GridLevel)
{
    public static readonly AnalysisParameter[] SourceParameters =
    [
        new("source", "what to analyse: reports (随手拍), sites (四乱) or grids (with reports, open_reports, sites, households, workers per grid)"),
        new("area", "administrative area or grid code to restrict the input to"),
        new("category", "report or site category (key or zh label)"),
        new("from", "first date or time (ISO 8601) of reports/sites to include"),
        new("to", "date or time (ISO 8601) before which reports/sites are included"),
        AnalysisParameter.Integer("grid-level", "for source=grids and assign: grid level 1, 2 or 3", "3", 1, 3),
        new("parent", "for coverage: the administrative area or grid whose children are checked"),
        AnalysisParameter.Integer("depth", "for coverage: how many levels below the parent to check (1–3)", "1", 1, 3),
    ];

    public static AnalysisRequest Parse(IAnalysis analysis, IQueryCollection query)
    {
        var known = analysis.Parameters.Select(p => p.Name).Concat(SourceParameters.Select(p => p.Name)).Append("f").ToHashSet();
        if (query.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown)
        {
            throw new AnalysisParameterException(unknown, $"'{analysis.Name}' has no parameter '{unknown}'; see /analyses");
        }

        var values = query.ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
        var source = new ParameterValues(values, SourceParameters);
        var defaultSource = analysis.InputKind switch { AnalysisInputKind.CoverageFamilies => "grids", AnalysisInputKind.RoadsWithDutyUnits => "road_segments", _ => "reports" };
        var sourceName = source.Text("source") ?? defaultSource;
        if (analysis.InputKind is AnalysisInputKind.Incidents or AnalysisInputKind.IncidentsWithGrids && sourceName is not ("reports" or "sites" or "grids"))
        {
            throw new AnalysisParameterException("source", $"must be reports, sites or grids, not '{sourceName}'");
        }

        var category = source.Text("category");
        if (category is not null)
        {
            category = Category(category, sourceName);
        }

        var filter = new IncidentFilter(category, Date(source, "from"), Date(source, "to"));
        if (filter.From >= filter.To)
        {
            throw new AnalysisParameterException("to", "must be after 'from'");
        }

        // Every value is checked now, before any input is read or a job is queued.
        source.CheckAll();
        var own = new ParameterValues(values, analysis.Parameters);
        own.CheckAll();
        return new AnalysisRequest(analysis, own, values, sourceName, filter, source.Text("area"), source.Integer("grid-level")!.Value);
    }

    /// <summary>The parameters as used, source and analysis alike, for the record kept with the result.</summary>
    public IReadOnlyDictionary<string, string?> Effective()
    {
        // Input parameters that were given or that shaped the input; the analysis's own, all of them.
        var all = new ParameterValues(Query, SourceParameters).Effective()
            .Where(p => p.Key switch
            {
                "parent" or "depth" => Analysis.InputKind == AnalysisInputKind.CoverageFamilies,
                "grid-level" => Source == "grids" || Analysis.InputKind == AnalysisInputKind.IncidentsWithGrids,
                _ => p.Value is not null,
            })
            .ToDictionary(p => p.Key, p => p.Value);
        all["source"] = Source;
        foreach (var (k, v) in Values.Effective())
        {
            all[k] = v;
        }

        return all;
    }

    private static DateTimeOffset? Date(ParameterValues values, string name)
    {
        if (values.Text(name) is not { } text)
        {
            return null;
        }

        // The one rule for dates (Instants): a bare date is midnight in China Standard Time, as people here mean it.
        return Core.Values.Instants.TryParseInstant(text) ?? throw new AnalysisParameterException(name, $"'{Http.RequestGrammar.Shorten(text)}' is not an RFC 3339 date or date-time (years 1900–2199)");
    }

    private static string Category(string text, string source)
    {
        if (source == "sites")
        {
            return DomainLabels.Parse<SiteCategory>(text) is { } site ? DomainLabels.Key(site) : throw new AnalysisParameterException("category", $"no site category '{text}'");
        }

        return DomainLabels.Parse<ReportCategory>(text) is { } report ? DomainLabels.Key(report) : throw new AnalysisParameterException("category", $"no report category '{text}'");
    }
}
