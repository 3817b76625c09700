using System.Globalization;
using GeoGrid.Core.Analysis.Runs;
using GeoGrid.Core.Crs;
using GeoGrid.Formats;
using GeoGrid.Storage.Analysis;
using Microsoft.AspNetCore.Http;
using NetTopologySuite.Geometries;

namespace GeoGrid.Server.Analysis;

/// <summary>
/// "Who is responsible here?" — <c>GET /analyses/responsibility?lon=&amp;lat=</c> (or <c>bbox=</c>),
/// or POST a GeoJSON geometry; <c>crs</c> says what the coordinates are in (GCJ-02 from a consumer map
/// included) and <c>radius</c> (m, default 500) how far to look for open sites and reports.
/// </summary>
public static class ResponsibilityApi
{
    private static readonly GeometryFactory s_factory = new();

    public static async Task<IResult> GetAsync(HttpRequest request, ResponsibilityLookup lookup, CancellationToken ct)
    {
        try
        {
            var crs = AnalysesApi.CrsParameter(request);
            Geometry where;
            if (request.Query.ContainsKey("bbox"))
            {
                var parts = request.Query["bbox"].ToString().Split(',');
                var n = parts.Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN).ToArray();
                if (n.Length != 4 || n.Any(double.IsNaN) || n[0] >= n[2] || n[1] >= n[3])
                {
                    throw new AnalysisParameterException("bbox", "must be minx,miny,maxx,maxy with min < max");
                }

                where = s_factory.ToGeometry(new Envelope(n[0], n[2], n[1], n[3]));
            }
            else
            {
                where = s_factory.CreatePoint(new Coordinate(Number(request, "lon"), Number(request, "lat")));
            }

            return await AnswerAsync(where, crs, request, lookup, ct).ConfigureAwait(false);
        }
        catch (AnalysisParameterException e)
        {
            return AnalysesApi.BadParameter(e);
        }
    }

    public static async Task<IResult> PostAsync(HttpRequest request, ResponsibilityLookup lookup, CancellationToken ct)
    {
        try
        {
            var crs = AnalysesApi.CrsParameter(request);
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, ct).ConfigureAwait(false);
            Geometry? geometry;
            try
            {
                var json = body.ToArray();
                geometry = System.Text.Json.JsonSerializer.Deserialize<Geometry>(json, FeatureFiles.GeoJsonOptions);
            }
            catch (System.Text.Json.JsonException e)
            {
                throw new AnalysisParameterException("body", "not a GeoJSON geometry: " + e.Message);
            }

            if (geometry is null || geometry.IsEmpty || !geometry.IsValid)
            {
                throw new AnalysisParameterException("body", "needs a valid, non-empty GeoJSON geometry");
            }

            return await AnswerAsync(geometry, crs, request, lookup, ct).ConfigureAwait(false);
        }
        catch (AnalysisParameterException e)
        {
            return AnalysesApi.BadParameter(e);
        }
    }

    private static async Task<IResult> AnswerAsync(Geometry where, Crs crs, HttpRequest request, ResponsibilityLookup lookup, CancellationToken ct)
    {
        var radius = request.Query.ContainsKey("radius") ? Number(request, "radius") : 500;
        if (radius is < 0 or > 20_000)
        {
            throw new AnalysisParameterException("radius", "must be between 0 and 20000 m");
        }

        var stored = Reprojector.Transform(where, crs, CrsNames.Storage);
        var env = stored.EnvelopeInternal;
        if (env.MinX < 73 || env.MaxX > 136 || env.MinY < 3 || env.MaxY > 54)
        {
            throw new AnalysisParameterException(request.Query.ContainsKey("lon") ? "lon" : "crs", $"the location ({env.Centre.X:0.#####}, {env.Centre.Y:0.#####}) is not in China; are the coordinates in the CRS given (default EPSG:4326, longitude first)?");
        }

        var answer = await lookup.LookupAsync(stored, radius, ct).ConfigureAwait(false);
        answer["query"] = new System.Text.Json.Nodes.JsonObject { ["geometry_type"] = where.GeometryType, ["crs"] = CrsNames.Name(crs), ["radius_m"] = radius, ["lon"] = env.Centre.X, ["lat"] = env.Centre.Y };
        return TypedResults.Json(answer);
    }

    private static double Number(HttpRequest request, string name)
    {
        var text = request.Query[name].ToString();
        if (string.IsNullOrEmpty(text))
        {
            throw new AnalysisParameterException(name, "is required");
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v
            : throw new AnalysisParameterException(name, $"'{text}' is not a number");
    }
}
