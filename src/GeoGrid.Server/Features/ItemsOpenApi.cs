using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.OpenApi;

namespace GeoGrid.Server.Features;

/// <summary>
/// The query parameters and bodies of the OGC API endpoints in <c>/openapi.json</c>. The items handlers
/// read the query themselves (through <see cref="Http.RequestGrammar"/>), so the generator cannot see
/// them; without them GDAL pages by its default of 10 (it takes the page size from <c>limit</c>'s
/// maximum) and "Try it out" cannot filter.
/// </summary>
public static class ItemsOpenApi
{
    public static RouteHandlerBuilder WithItemsParameters(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(Integer("limit", "features per page", ItemsParameters.DefaultLimit, 1, ItemsParameters.MaxLimit));
            operation.Parameters.Add(Integer("offset", "features to skip", 0, 0, int.MaxValue - ItemsParameters.MaxLimit));
            operation.Parameters.Add(Text("bbox", "minx,miny,maxx,maxy in bbox-crs (CRS84 by default): features whose geometry intersects it", style: ParameterStyle.Form));
            operation.Parameters.Add(Text("bbox-crs", "CRS of bbox: " + string.Join(", ", ItemsParameters.SupportedCrs)));
            operation.Parameters.Add(Text("crs", "CRS of the answer: " + string.Join(", ", ItemsParameters.SupportedCrs)));
            operation.Parameters.Add(Text("datetime", "an RFC 3339 instant, date or interval start/end (.. for an open end); times without an offset and bare dates are China Standard Time"));
            operation.Parameters.Add(Text("filter", "a CQL2 filter (see /ogc/collections/{collectionId}/queryables)"));
            operation.Parameters.Add(Text("filter-lang", "cql2-text (default) or cql2-json"));
            operation.Parameters.Add(Text("filter-crs", "CRS of the filter's geometries: CRS84 (default), EPSG:4547 or EPSG:3857"));
            operation.Parameters.Add(Text("sortby", "properties to sort by, comma-separated, '-' for descending"));
            operation.Parameters.Add(Text("properties", "properties to return, comma-separated"));
            operation.Parameters.Add(Text("f", "json (GeoJSON) or html"));
            return Task.CompletedTask;
        });

    /// <summary>A request body of GeoJSON (or a JSON merge patch) for the write endpoints.</summary>
    public static RouteHandlerBuilder WithJsonBody(this RouteHandlerBuilder builder, string description, params string[] mediaTypes) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Description = description,
                Required = true,
                Content = mediaTypes.ToDictionary(m => m, _ => new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.Object } }),
            };
            return Task.CompletedTask;
        });

    private static OpenApiParameter Integer(string name, string description, int fallback, int min, int max) => new()
    {
        Name = name,
        In = ParameterLocation.Query,
        Description = description,
        Schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Integer,
            Minimum = min.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Maximum = max.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Default = JsonValue.Create(fallback),
        },
    };

    private static OpenApiParameter Text(string name, string description, ParameterStyle? style = null) => new()
    {
        Name = name,
        In = ParameterLocation.Query,
        Description = description,
        Style = style,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };
}
