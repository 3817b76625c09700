using GeoGrid.Core.Crs;
using GeoGrid.Formats;
using GeoGrid.Server.Access;
using GeoGrid.Server.Http;
using GeoGrid.Storage.Analysis;
using GeoGrid.Storage.Catalog;
using Microsoft.AspNetCore.Http;
using NetTopologySuite.Geometries;
using Npgsql;

namespace GeoGrid.Server.Analysis;

/// <summary>
/// "Who is responsible here?" — <c>GET /analyses/responsibility?lon=&amp;lat=</c> (or <c>bbox=</c>),
/// or POST a GeoJSON geometry; <c>crs</c> says what the coordinates are in (GCJ-02 from a consumer map
/// included) and <c>radius</c> (m, default 500) how far to look for open sites and reports.
/// </summary>
public static class ResponsibilityApi
{
    private static readonly GeometryFactory s_factory = new();

    public static async Task<IResult> GetAsync(HttpRequest request, ResponsibilityLookup lookup, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var (crs, _) = RequestGrammar.Crs(request.Query, "crs", allowGcj02: true);
        Geometry where;
        if (RequestGrammar.Box(request.Query, "bbox", crs, latitudeFirst: false) is { } box)
        {
            where = box.Width > 0 && box.Height > 0 ? s_factory.ToGeometry(box) : throw new ParameterException("bbox", "bbox needs an area: min below max on both axes");
        }
        else
        {
            var domain = CrsDomain.Of(crs);
            where = s_factory.CreatePoint(new Coordinate(
                RequestGrammar.Number(request.Query, "lon", domain.MinX, domain.MaxX) ?? throw new ParameterException("lon", "lon and lat (or bbox) are required"),
                RequestGrammar.Number(request.Query, "lat", domain.MinY, domain.MaxY) ?? throw new ParameterException("lat", "lon and lat (or bbox) are required")));
        }

        return await AnswerAsync(where, crs, request, lookup, dataSource, ct).ConfigureAwait(false);
    }

    public static async Task<IResult> PostAsync(HttpRequest request, ResponsibilityLookup lookup, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var (crs, _) = RequestGrammar.Crs(request.Query, "crs", allowGcj02: true);
        Geometry geometry;
        try
        {
            geometry = FeatureFiles.ParseGeometry(System.Text.Encoding.UTF8.GetString(await JsonBodies.ReadAsync(request, ct).ConfigureAwait(false)));
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or NotSupportedException)
        {
            throw new ParameterException("body", "not a GeoJSON geometry: " + e.Message);
        }

        if (geometry.IsEmpty || CrsDomain.Check(geometry, crs) is not null || !geometry.IsValid)
        {
            throw new ParameterException("body", CrsDomain.Check(geometry, crs) ?? "needs a valid, non-empty GeoJSON geometry");
        }

        return await AnswerAsync(geometry, crs, request, lookup, dataSource, ct).ConfigureAwait(false);
    }

    private static async Task<IResult> AnswerAsync(Geometry where, Crs crs, HttpRequest request, ResponsibilityLookup lookup, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var radius = RequestGrammar.Number(request.Query, "radius", 0, 20_000) ?? 500;
        var roadDistance = RequestGrammar.Number(request.Query, "road-distance", 0, 20_000) ?? DefaultRoadDistance;
        var stored = Reprojector.Transform(where, crs, CrsNames.Storage);
        var env = stored.EnvelopeInternal;
        var service = await ServiceExtent.ReadAsync(dataSource, ct).ConfigureAwait(false);
        if (!service.Intersects(env))
        {
            throw new ProblemException(StatusCodes.Status422UnprocessableEntity,
                $"({env.Centre.X:0.#####}, {env.Centre.Y:0.#####}) is outside GeoGrid's service area (Zhengzhou, {service.MinX:0.###}–{service.MaxX:0.###}°E, {service.MinY:0.###}–{service.MaxY:0.###}°N); no one here is responsible for it. Are the coordinates in the CRS given (default EPSG:4326, longitude first)?",
                request.Query.ContainsKey("lon") ? "lon" : request.Query.ContainsKey("bbox") ? "bbox" : "body");
        }

        // Whole phone numbers for those who call grid workers and chiefs in their work; the public reads them masked.
        var phones = request.HttpContext.Actor().SeesPhones;
        var answer = await lookup.LookupAsync(stored, radius, roadDistance, phones, ct).ConfigureAwait(false);
        request.HttpContext.Response.Headers.Vary = "Authorization, X-API-Key";
        answer["query"] = new System.Text.Json.Nodes.JsonObject { ["geometry_type"] = where.GeometryType, ["crs"] = CrsNames.Name(crs), ["radius_m"] = radius, ["road_distance_m"] = roadDistance, ["lon"] = env.Centre.X, ["lat"] = env.Centre.Y };
        return TypedResults.Json(answer);
    }

    /// <summary>How far the nearest road may be to be named: a city block or two. Past it a road chief is
    /// no answer to "who is responsible here" (settable per request as <c>road-distance</c>, up to 20 km).</summary>
    public const double DefaultRoadDistance = 1000;
}
