using GeoGrid.Core.Access;
using System.Net;
using System.Text;
using System.Text.Json;
using GeoGrid.Testing;

namespace GeoGrid.Server.Tests.Hardening;

/// <summary>
/// Hostile and malformed requests across every endpoint, each answered with the 4xx it deserves (never
/// a 500), naming what is wrong (problem+json <c>parameter</c>, or the OWS exception for WMS/WMTS), and
/// leaving the database as it was: no data version moved, no audit row, job or idempotency key added.
/// </summary>
[Collection(PostGisCollection.Name)]
public sealed class HostileRequestsTests(PostGisFixture db) : IDisposable
{
    private readonly GeoGridFactory _factory = new(db);

    private const string Sites = "/ogc/collections/sites/items";
    private const string Town = "/ogc/collections/towns/items";
    private const string Wms = "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=towns&STYLES=&FORMAT=image/png&WIDTH=256&HEIGHT=256";
    private const string Info = "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetFeatureInfo&LAYERS=towns&QUERY_LAYERS=towns&STYLES=&WIDTH=256&HEIGHT=256&CRS=CRS:84&BBOX=113.5,34.7,113.8,34.9";
    private const string Json = "application/json";
    private const string GeoJson = "application/geo+json";
    private const string Ows = "ows";

    private static string Feature(string properties, string geometry = """{"type":"Point","coordinates":[113.62,34.88]}""") =>
        "{\"type\":\"Feature\",\"properties\":" + properties + ",\"geometry\":" + geometry + "}";

    private static string Q(string cql) => Uri.EscapeDataString(cql);

    /// <summary>name, method, path, content type, body, extra header ("Name: value"), expected status, the parameter named (or "ows").</summary>
    public static TheoryData<string, string, string, string?, string?, string?, int, string?> Cases() => new()
    {
        // bbox: one rule everywhere
        { "bbox with three numbers", "GET", Sites + "?bbox=1,2,3", null, null, null, 400, "bbox" },
        { "bbox with words", "GET", Sites + "?bbox=a,b,c,d", null, null, null, 400, "bbox" },
        { "bbox with NaN", "GET", Sites + "?bbox=NaN,0,1,1", null, null, null, 400, "bbox" },
        { "bbox with Infinity", "GET", Sites + "?bbox=-Infinity,0,1,1", null, null, null, 400, "bbox" },
        { "bbox of 1e308", "GET", Sites + "?bbox=1e308,0,1e308,1", null, null, null, 400, "bbox" },
        { "bbox overflowing a double", "GET", Sites + "?bbox=1e999,0,1,1", null, null, null, 400, "bbox" },
        { "bbox inverted", "GET", Sites + "?bbox=114,34,113,35", null, null, null, 400, "bbox" },
        { "bbox at latitude 999", "GET", Sites + "?bbox=113,999,114,1000", null, null, null, 400, "bbox" },
        { "bbox far outside EPSG:4547", "GET", Sites + "?bbox=-1e20,-1e20,1e20,1e20&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/4547", null, null, null, 400, "bbox" },
        { "bbox outside Web Mercator", "GET", Sites + "?bbox=0,0,3e7,1&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/3857", null, null, null, 400, "bbox" },
        { "bbox latitude first misread", "GET", Sites + "?bbox=113,34,114,35&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/4326", null, null, null, 400, "bbox" },
        { "bbox empty parts", "GET", Sites + "?bbox=,,,", null, null, null, 400, "bbox" },
        { "bbox given twice differently", "GET", Sites + "?bbox=113,34,114,35&bbox=1,1,2,2", null, null, null, 400, "bbox" },
        { "bbox-crs unknown", "GET", Sites + "?bbox=1,1,2,2&bbox-crs=EPSG:9999", null, null, null, 400, "bbox-crs" },
        { "crs unknown", "GET", Sites + "?crs=foo", null, null, null, 400, "crs" },
        { "crs GCJ-02 for output", "GET", Sites + "?crs=GCJ02", null, null, null, 400, "crs" },

        // paging and other parameters
        { "limit 0", "GET", Sites + "?limit=0", null, null, null, 400, "limit" },
        { "limit negative", "GET", Sites + "?limit=-1", null, null, null, 400, "limit" },
        { "limit above the maximum", "GET", Sites + "?limit=1000001", null, null, null, 400, "limit" },
        { "limit in exponent form", "GET", Sites + "?limit=1e3", null, null, null, 400, "limit" },
        { "limit given twice", "GET", Sites + "?limit=10&limit=20", null, null, null, 400, "limit" },
        { "offset negative", "GET", Sites + "?offset=-5", null, null, null, 400, "offset" },
        { "offset overflowing an int", "GET", Sites + "?offset=99999999999", null, null, null, 400, "offset" },
        { "offset near int max", "GET", Sites + "?offset=2147483000&limit=1000", null, null, null, 400, "offset" },
        { "datetime garbage", "GET", Sites + "?datetime=garbage", null, null, null, 400, "datetime" },
        { "datetime month 13", "GET", Sites + "?datetime=2024-13-01", null, null, null, 400, "datetime" },
        { "datetime interval backwards", "GET", Sites + "?datetime=2025-01-01/2024-01-01", null, null, null, 400, "datetime" },
        { "datetime with three parts", "GET", Sites + "?datetime=2024-01-01/2024-02-01/2024-03-01", null, null, null, 400, "datetime" },
        { "datetime in the year 9999", "GET", Sites + "?datetime=9999-01-01T00:00:00Z", null, null, null, 400, "datetime" },
        { "datetime on a layer without time", "GET", Town + "?datetime=2024-01-01", null, null, null, 400, "datetime" },
        { "sortby unknown", "GET", Sites + "?sortby=-nope", null, null, null, 400, "sortby" },
        { "properties unknown", "GET", Sites + "?properties=nope", null, null, null, 400, "properties" },
        { "unknown parameter", "GET", Sites + "?colour=red", null, null, null, 400, "colour" },
        { "filter-lang unknown", "GET", Sites + "?filter=status='found'&filter-lang=sql", null, null, null, 400, "filter-lang" },
        { "filter-crs latitude first", "GET", Sites + "?filter=" + Q("S_INTERSECTS(geometry, POINT(113 34))") + "&filter-crs=http://www.opengis.net/def/crs/EPSG/0/4326", null, null, null, 400, "filter-crs" },
        { "filter of 70,000 characters", "GET", Sites + "?filter=" + new string('(', 70_000), null, null, null, 400, "filter" },

        // CQL2 text
        { "cql2 text without a value", "GET", Sites + "?filter=" + Q("status = "), null, null, null, 400, "filter" },
        { "cql2 literal outside EPSG:4547", "GET", Sites + "?filter=" + Q("S_INTERSECTS(geometry, POINT(1e20 1e20))") + "&filter-crs=http://www.opengis.net/def/crs/EPSG/0/4547", null, null, null, 400, "filter" },
        { "cql2 literal at latitude 200", "GET", Sites + "?filter=" + Q("S_INTERSECTS(geometry, POINT(113 200))"), null, null, null, 400, "filter" },
        { "cql2 unclosed ring", "GET", Sites + "?filter=" + Q("S_INTERSECTS(geometry, POLYGON((113 34, 114 35, 114 34)))"), null, null, null, 400, "filter" },
        { "cql2 degenerate ring", "GET", Sites + "?filter=" + Q("S_INTERSECTS(geometry, POLYGON((113 34, 113 34, 113 34, 113 34)))"), null, null, null, 400, "filter" },
        { "cql2 timestamp against a text property", "GET", Sites + "?filter=" + Q("code = TIMESTAMP('2020-01-01T00:00:00Z')"), null, null, null, 400, "filter" },
        { "cql2 number against a time property", "GET", Sites + "?filter=" + Q("found_at = 5"), null, null, null, 400, "filter" },
        { "cql2 timestamp in IN on text", "GET", Sites + "?filter=" + Q("code IN (TIMESTAMP('2020-01-01T00:00:00Z'))"), null, null, null, 400, "filter" },
        { "cql2 dates in BETWEEN on text", "GET", Sites + "?filter=" + Q("code BETWEEN DATE('2020-01-01') AND DATE('2021-01-01')"), null, null, null, 400, "filter" },
        { "cql2 spatial function on a non-geometry", "GET", Sites + "?filter=" + Q("S_INTERSECTS(nonexistent, POINT(113 34))"), null, null, null, 400, "filter" },
        { "cql2 spatial function on a text property", "GET", Sites + "?filter=" + Q("S_INTERSECTS(code, POINT(113 34))"), null, null, null, 400, "filter" },
        { "cql2 nesting 5,000 deep", "GET", Sites + "?filter=" + Q(new string('(', 5000) + "status='found'" + new string(')', 5000)), null, null, null, 400, "filter" },
        { "cql2 NOT 200 times", "GET", Sites + "?filter=" + Q(string.Concat(Enumerable.Repeat("NOT ", 200)) + "status='found'"), null, null, null, 400, "filter" },
        { "cql2 geometry nesting 200 deep", "GET", Sites + "?filter=" + Q("S_INTERSECTS(geometry, GEOMETRYCOLLECTION(" + string.Concat(Enumerable.Repeat("GEOMETRYCOLLECTION(", 200)) + "POINT(1 1)" + new string(')', 201) + ")"), null, null, null, 400, "filter" },
        { "cql2 negative distance", "GET", Sites + "?filter=" + Q("S_DWITHIN(geometry, POINT(113 34), -1)"), null, null, null, 400, "filter" },
        { "cql2 distance of 1e308 m", "GET", Sites + "?filter=" + Q("S_DWITHIN(geometry, POINT(113 34), 1e308)"), null, null, null, 400, "filter" },
        { "cql2 like with a number", "GET", Sites + "?filter=" + Q("status LIKE 5"), null, null, null, 400, "filter" },
        { "cql2 bad timestamp", "GET", Sites + "?filter=" + Q("T_AFTER(found_at, TIMESTAMP('nope'))"), null, null, null, 400, "filter" },
        { "cql2 temporal function on text", "GET", Sites + "?filter=" + Q("T_AFTER(code, TIMESTAMP('2020-01-01T00:00:00Z'))"), null, null, null, 400, "filter" },
        { "cql2 unknown property", "GET", Sites + "?filter=" + Q("colour = 'red'"), null, null, null, 400, "filter" },
        { "cql2 unterminated string", "GET", Sites + "?filter=" + Q("status = 'found"), null, null, null, 400, "filter" },
        { "cql2 bare word", "GET", Sites + "?filter=ZZZ", null, null, null, 400, "filter" },
        { "cql2 arithmetic on a text property", "GET", Sites + "?filter=" + Q("code * 2 > 5"), null, null, null, 400, "filter" },
        { "cql2 arithmetic nested 200 deep", "GET", Sites + "?filter=" + Q("area_m2 > " + new string('(', 200) + "1" + new string(')', 200)), null, null, null, 400, "filter" },

        // CQL2 JSON
        { "cql2-json op a number", "GET", Sites + "?filter-lang=cql2-json&filter=" + Q("""{"op":1,"args":[]}"""), null, null, null, 400, "filter" },
        { "cql2-json and of nothing", "GET", Sites + "?filter-lang=cql2-json&filter=" + Q("""{"op":"and","args":[]}"""), null, null, null, 400, "filter" },
        { "cql2-json or of one", "GET", Sites + "?filter-lang=cql2-json&filter=" + Q("""{"op":"or","args":[{"op":"=","args":[{"property":"status"},"found"]}]}"""), null, null, null, 400, "filter" },
        { "cql2-json like with a number", "GET", Sites + "?filter-lang=cql2-json&filter=" + Q("""{"op":"like","args":[{"property":"status"},5]}"""), null, null, null, 400, "filter" },
        { "cql2-json like with an unknown function", "GET", Sites + "?filter-lang=cql2-json&filter=" + Q("""{"op":"like","args":[{"property":"status"},{"op":"upper","args":["F%"]}]}"""), null, null, null, 400, "filter" },
        { "cql2-json casei of a number", "GET", Sites + "?filter-lang=cql2-json&filter=" + Q("""{"op":"like","args":[{"property":"status"},{"op":"casei","args":[5]}]}"""), null, null, null, 400, "filter" },
        { "cql2 text casei of nothing", "GET", Sites + "?filter=" + Q("CASEI(status) = CASEI()"), null, null, null, 400, "filter" },
        { "cql2-json in with a string", "GET", Sites + "?filter-lang=cql2-json&filter=" + Q("""{"op":"in","args":[{"property":"status"},"found"]}"""), null, null, null, 400, "filter" },
        { "cql2-json distance as text", "GET", Sites + "?filter-lang=cql2-json&filter=" + Q("""{"op":"s_dwithin","args":[{"property":"geometry"},{"type":"Point","coordinates":[113,34]},"far"]}"""), null, null, null, 400, "filter" },
        { "cql2-json property a number", "GET", Sites + "?filter-lang=cql2-json&filter=" + Q("""{"op":"=","args":[{"property":5},"x"]}"""), null, null, null, 400, "filter" },
        { "cql2-json t_before with a string", "GET", Sites + "?filter-lang=cql2-json&filter=" + Q("""{"op":"t_before","args":[{"property":"found_at"},"2020"]}"""), null, null, null, 400, "filter" },
        { "cql2-json timestamp a number", "GET", Sites + "?filter-lang=cql2-json&filter=" + Q("""{"op":"=","args":[{"property":"found_at"},{"timestamp":5}]}"""), null, null, null, 400, "filter" },
        { "cql2-json not JSON", "GET", Sites + "?filter-lang=cql2-json&filter=" + Q("{op:"), null, null, null, 400, "filter" },
        { "cql2-json an array", "GET", Sites + "?filter-lang=cql2-json&filter=" + Q("[1,2]"), null, null, null, 400, "filter" },
        { "cql2-json nested 1,000 deep", "GET", Sites + "?filter-lang=cql2-json&filter=" + Q(string.Concat(Enumerable.Repeat("""{"op":"not","args":[""", 1000)) + "1" + string.Concat(Enumerable.Repeat("]}", 1000))), null, null, null, 400, "filter" },
        { "cql2-json unclosed ring", "GET", Sites + "?filter-lang=cql2-json&filter=" + Q("""{"op":"s_intersects","args":[{"property":"geometry"},{"type":"Polygon","coordinates":[[[113,34],[114,35],[114,34]]]}]}"""), null, null, null, 400, "filter" },
        { "cql2-json bbox of strings", "GET", Sites + "?filter-lang=cql2-json&filter=" + Q("""{"op":"s_intersects","args":[{"property":"geometry"},{"bbox":["a","b","c","d"]}]}"""), null, null, null, 400, "filter" },
        { "cql2-json geometry a string", "GET", Sites + "?filter-lang=cql2-json&filter=" + Q("""{"op":"s_intersects","args":[{"property":"geometry"},"POINT(1 1)"]}"""), null, null, null, 400, "filter" },
        { "cql2-json interval of numbers", "GET", Sites + "?filter-lang=cql2-json&filter=" + Q("""{"op":"t_intersects","args":[{"property":"found_at"},{"interval":[1,2]}]}"""), null, null, null, 400, "filter" },

        // unknown things
        { "unknown collection", "GET", "/ogc/collections/nope/items", null, null, null, 404, null },
        { "unknown feature", "GET", Sites + "/NOPE", null, null, null, 404, null },
        { "feature id that looks like SQL", "GET", Sites + "/" + Uri.EscapeDataString("' OR 1=1 --"), null, null, null, 404, null },

        // writes: media types, sizes, bodies
        { "create as text/plain", "POST", Sites, "text/plain", Feature("""{"category":"乱堆","description":"x"}"""), null, 415, "Content-Type" },
        { "create as a form", "POST", Sites, "application/x-www-form-urlencoded", "category=dumping", null, 415, "Content-Type" },
        { "create without a content type", "POST", Sites, null, Feature("""{"category":"乱堆","description":"x"}"""), null, 415, "Content-Type" },
        { "create in Latin-1", "POST", Sites, "application/json; charset=iso-8859-1", Feature("""{"category":"乱堆","description":"x"}"""), null, 415, "Content-Type" },
        { "create with a body that is not JSON", "POST", Sites, Json, "{not json", null, 400, "body" },
        { "create with an empty object", "POST", Sites, Json, "{}", null, 400, "geometry" },
        { "create with an empty body", "POST", Sites, Json, "", null, 400, "body" },
        { "create with an unclosed ring", "POST", Sites, GeoJson, Feature("""{"category":"乱建","description":"x"}""", """{"type":"Polygon","coordinates":[[[113.6,34.8],[113.7,34.9],[113.7,34.8]]]}"""), null, 400, "body" },
        { "create with NaN", "POST", Sites, GeoJson, Feature("""{"category":"乱堆","description":"x"}""", """{"type":"Point","coordinates":[NaN,34.8]}"""), null, 400, "body" },
        { "create at 1e308", "POST", Sites, GeoJson, Feature("""{"category":"乱堆","description":"x"}""", """{"type":"Point","coordinates":[1e308,34.8]}"""), null, 400, "geometry" },
        { "create in Beijing", "POST", Sites, GeoJson, Feature("""{"category":"乱堆","description":"x"}""", """{"type":"Point","coordinates":[116.4,39.9]}"""), null, 400, "geometry" },
        { "create with a 2 MB description", "POST", Sites, GeoJson, "@big", null, 413, "body" },
        { "create with a 5,000-character description", "POST", Sites, GeoJson, Feature($$"""{"category":"乱堆","description":"{{new string('长', 5000)}}"}"""), null, 400, "description" },
        { "create with a 10,000-character code", "POST", Sites, GeoJson, Feature($$"""{"category":"乱堆","description":"x","code":"{{new string('A', 10_000)}}"}"""), null, 400, "code" },
        { "create with SQL in the code", "POST", Sites, GeoJson, Feature("""{"category":"乱堆","description":"x","code":"x'; DROP TABLE sites; --"}"""), null, 400, "code" },
        { "create with found_at garbage", "POST", Sites, GeoJson, Feature("""{"category":"乱堆","description":"x","found_at":"garbage"}"""), null, 400, "found_at" },
        { "create with an unknown category", "POST", Sites, GeoJson, Feature("""{"category":"乱画","description":"x"}"""), null, 400, "category" },
        { "create with an empty category", "POST", Sites, GeoJson, Feature("""{"category":"","description":"x"}"""), null, 400, "category" },
        { "create a line as a site", "POST", Sites, GeoJson, Feature("""{"category":"乱堆","description":"x"}""", """{"type":"LineString","coordinates":[[113.6,34.8],[113.7,34.9]]}"""), null, 400, "geometry" },
        { "create with an unknown Content-Crs", "POST", Sites, GeoJson, Feature("""{"category":"乱堆","description":"x"}"""), "Content-Crs: <http://www.opengis.net/def/crs/EPSG/0/9999>", 400, "Content-Crs" },
        { "create 1e20 m in EPSG:4547", "POST", Sites, GeoJson, Feature("""{"category":"乱堆","description":"x"}""", """{"type":"Point","coordinates":[1e20,1e20]}"""), "Content-Crs: <http://www.opengis.net/def/crs/EPSG/0/4547>", 400, "geometry" },
        { "create with a code that exists", "POST", Sites, GeoJson, Feature("""{"category":"乱堆","description":"x","code":"{site}"}"""), null, 409, "code" },
        { "create with a 300-character Idempotency-Key", "POST", Sites, GeoJson, Feature("""{"category":"乱堆","description":"x"}"""), "Idempotency-Key: " + new string('k', 300), 400, "Idempotency-Key" },
        { "create in a read-only collection", "POST", Town, GeoJson, Feature("""{"name":"x"}"""), null, 405, null },
        { "create a report in Beijing", "POST", "/ogc/collections/reports/items", GeoJson, Feature("""{"category":"环境卫生","text":"x"}""", """{"type":"Point","coordinates":[116.4,39.9]}"""), null, 400, "geometry" },
        { "create a report without text", "POST", "/ogc/collections/reports/items", GeoJson, Feature("""{"category":"环境卫生"}"""), null, 400, "text" },

        // edits: preconditions and merge patches
        { "replace without If-Match", "PUT", Sites + "/{site}", GeoJson, Feature("""{"category":"乱堆","description":"x"}"""), null, 428, "If-Match" },
        { "replace with a garbage If-Match", "PUT", Sites + "/{site}", GeoJson, Feature("""{"category":"乱堆","description":"x"}"""), "If-Match: garbage", 412, "If-Match" },
        { "replace from a stale version", "PUT", Sites + "/{site}", GeoJson, Feature("""{"category":"乱堆","description":"x"}"""), "If-Match: \"999\"", 412, "If-Match" },
        { "replace a site that does not exist", "PUT", Sites + "/NOPE", GeoJson, Feature("""{"category":"乱堆","description":"x"}"""), "If-Match: \"1\"", 404, null },
        { "patch with properties a string", "PATCH", Sites + "/{site}", Json, """{"properties":"x"}""", "If-Match: {etag}", 400, "properties" },
        { "patch with an array", "PATCH", Sites + "/{site}", Json, "[]", "If-Match: {etag}", 400, "body" },
        { "patch of the code", "PATCH", Sites + "/{site}", Json, """{"properties":{"code":"X"}}""", "If-Match: {etag}", 400, "code" },
        { "patch to an unknown status", "PATCH", Sites + "/{site}", Json, """{"properties":{"status":"nonsense"}}""", "If-Match: {etag}", 400, "status" },
        { "patch with an unknown member", "PATCH", Sites + "/{site}", Json, """{"foo":1}""", "If-Match: {etag}", 400, "foo" },
        { "patch a category with an object", "PATCH", Sites + "/{site}", Json, """{"properties":{"category":{"a":1}}}""", "If-Match: {etag}", 400, "category" },
        { "patch a geometry that is a string", "PATCH", Sites + "/{site}", Json, """{"geometry":"POINT(1 1)"}""", "If-Match: {etag}", 400, "geometry" },
        { "patch a site to Beijing", "PATCH", Sites + "/{site}", Json, """{"geometry":{"type":"Point","coordinates":[116.4,39.9]}}""", "If-Match: {etag}", 400, "geometry" },
        { "patch the place of a report", "PATCH", "/ogc/collections/reports/items/{report}", Json, """{"geometry":{"type":"Point","coordinates":[113.6,34.8]}}""", "If-Match: {report-etag}", 400, "geometry" },
        { "patch a report's text to 10,000 characters", "PATCH", "/ogc/collections/reports/items/{report}", Json, "{\"properties\":{\"text\":\"" + new string('字', 10_000) + "\"}}", "If-Match: {report-etag}", 400, "text" },
        { "patch as text/plain", "PATCH", Sites + "/{site}", "text/plain", """{"properties":{"status":"verified"}}""", "If-Match: {etag}", 415, "Content-Type" },
        { "delete a site that does not exist", "DELETE", Sites + "/NOPE", null, null, "If-Match: \"1\"", 404, null },
        { "delete in a read-only collection", "DELETE", Town + "/x", null, null, "If-Match: \"1\"", 405, null },
        { "delete without If-Match", "DELETE", Sites + "/{site}", null, null, null, 428, "If-Match" },

        // tiles, WMS, WMTS
        { "tile beyond the deepest zoom", "GET", "/tiles/geogrid/30/1/1.mvt", null, null, null, 400, "z" },
        { "tile of an unknown tileset", "GET", "/tiles/nope/1/1/1.mvt", null, null, null, 404, null },
        { "png tile off the grid", "GET", "/tiles/geogrid/2/5/1.png", null, null, null, 400, "x" },
        { "WMS GetMap with -Infinity", "GET", Wms + "&CRS=CRS:84&BBOX=-Infinity,34,114,35", null, null, null, 400, Ows },
        { "WMS GetMap 1e12 m in EPSG:4547", "GET", Wms + "&CRS=EPSG:4547&BBOX=0,0,1e12,1e12", null, null, null, 400, Ows },
        { "WMS GetMap with no area", "GET", Wms + "&CRS=CRS:84&BBOX=113,34,113,35", null, null, null, 400, Ows },
        { "WMS GetMap 100,000 px wide", "GET", Wms.Replace("WIDTH=256", "WIDTH=100000", StringComparison.Ordinal) + "&CRS=CRS:84&BBOX=113,34,114,35", null, null, null, 400, Ows },
        { "WMS GetMap unknown CRS", "GET", Wms + "&CRS=EPSG:9999&BBOX=113,34,114,35", null, null, null, 400, Ows },
        { "WMS GetMap unknown layer", "GET", Wms.Replace("LAYERS=towns", "LAYERS=nope", StringComparison.Ordinal) + "&CRS=CRS:84&BBOX=113,34,114,35", null, null, null, 400, Ows },
        { "WMS unknown request", "GET", "/wms?SERVICE=WMS&REQUEST=Nope", null, null, null, 400, Ows },
        { "WMS GetFeatureInfo outside the map", "GET", Info + "&I=-1&J=5", null, null, null, 400, Ows },
        { "WMS GetFeatureInfo as PDF", "GET", Info + "&I=5&J=5&INFO_FORMAT=application/pdf", null, null, null, 400, Ows },
        { "WMTS tile beyond the deepest zoom", "GET", "/wmts?service=WMTS&request=GetTile&layer=towns&tilematrixset=GoogleMapsCompatible&tilematrix=30&tilerow=1&tilecol=1", null, null, null, 400, Ows },
        { "WMTS unknown request", "GET", "/wmts?service=WMTS&request=Nope", null, null, null, 400, Ows },
        { "WMTS unknown matrix set", "GET", "/wmts/1.0.0/towns/default/Nope/1/1/1.png", null, null, null, 400, Ows },
        { "WMTS unknown layer", "GET", "/wmts?service=WMTS&request=GetTile&layer=nope&tilematrixset=GoogleMapsCompatible&tilematrix=1&tilerow=1&tilecol=1", null, null, null, 404, Ows },
        { "WMTS row not a number", "GET", "/wmts?service=WMTS&request=GetTile&layer=towns&tilematrixset=GoogleMapsCompatible&tilematrix=1&tilerow=x&tilecol=1", null, null, null, 400, Ows },

        // analyses: parameters and runaway work
        { "unknown analysis", "GET", "/analyses/nope", null, null, null, 404, null },
        { "DBSCAN with eps of 1,000 km", "GET", "/analyses/clusters?eps=1000000", null, null, null, 400, "eps" },
        { "density on 50 m cells with a 20 km bandwidth", "GET", "/analyses/density?bandwidth=20000&cell-size=50", null, null, null, 400, "cell-size" },
        { "Gi* with 9,999 permutations of 1,000 neighbours", "GET", "/analyses/hotspots?permutations=9999&weights=knn&k=1000", null, null, null, 400, "permutations" },
        { "bins of 0 m", "GET", "/analyses/hotspots?bin-size=0", null, null, null, 400, "bin-size" },
        { "from garbage", "GET", "/analyses/hotspots?from=garbage", null, null, null, 400, "from" },
        { "to before from", "GET", "/analyses/hotspots?from=2025-01-01&to=2024-01-01", null, null, null, 400, "to" },
        { "an unknown analysis parameter", "GET", "/analyses/hotspots?colour=red", null, null, null, 400, "colour" },
        { "a job with eps of 1e9 m", "POST", "/analyses/clusters/jobs?eps=1000000000", null, null, null, 400, "eps" },
        { "a job for an unknown area", "POST", "/analyses/hotspots/jobs?area=NOPE", null, null, null, 400, "area" },
        { "a job with a bad bin size", "POST", "/analyses/hotspots/jobs?bin-size=-5", null, null, null, 400, "bin-size" },
        { "responsibility at NaN", "GET", "/analyses/responsibility?lon=NaN&lat=34", null, null, null, 400, "lon" },
        { "responsibility at 1e308", "GET", "/analyses/responsibility?lon=1e308&lat=34", null, null, null, 400, "lon" },
        { "responsibility in Beijing", "GET", "/analyses/responsibility?lon=116.4&lat=39.9", null, null, null, 422, "lon" },
        { "responsibility without a place", "GET", "/analyses/responsibility", null, null, null, 400, "lon" },
        { "responsibility with a radius of 1e9", "GET", "/analyses/responsibility?lon=113.6&lat=34.8&radius=1e9", null, null, null, 400, "radius" },
        { "responsibility box of three numbers", "GET", "/analyses/responsibility?bbox=1,2,3", null, null, null, 400, "bbox" },
        { "responsibility posted as text/plain", "POST", "/analyses/responsibility", "text/plain", """{"type":"Point","coordinates":[113.6,34.8]}""", null, 415, "Content-Type" },
        { "responsibility for an unclosed ring", "POST", "/analyses/responsibility", GeoJson, """{"type":"Polygon","coordinates":[[[113.6,34.8],[113.7,34.9],[113.7,34.8]]]}""", null, 400, "body" },
        { "responsibility for a geometry in Beijing", "POST", "/analyses/responsibility", GeoJson, """{"type":"Point","coordinates":[116.4,39.9]}""", null, 422, "body" },
        { "a job that does not exist", "GET", "/jobs/00000000-0000-0000-0000-000000000001", null, null, null, 404, null },
        { "a job id that is not one", "GET", "/jobs/not-a-guid", null, null, null, 404, null },
        { "cancelling a job that does not exist", "DELETE", "/jobs/00000000-0000-0000-0000-000000000001", null, null, null, 404, null },

        // lifecycle steps, attachments, timelines
        { "a step with a number for status", "POST", Sites + "/{site}/events", Json, """{"status":5}""", null, 400, "status" },
        { "a step to a status that is none", "POST", Sites + "/{site}/events", Json, """{"status":"teleported"}""", null, 400, "status" },
        { "a step with a 10,000-character note", "POST", Sites + "/{site}/events", Json, "{\"status\":\"verified\",\"note\":\"" + new string('x', 10_000) + "\"}", null, 400, "note" },
        { "a step with an unknown member", "POST", Sites + "/{site}/events", Json, """{"status":"verified","colour":"red"}""", null, 400, "colour" },
        { "a step that is an array", "POST", Sites + "/{site}/events", Json, "[]", null, 400, "body" },
        { "a step as text/plain", "POST", Sites + "/{site}/events", "text/plain", """{"status":"verified"}""", null, 415, "Content-Type" },
        { "a step for a site that is none", "POST", Sites + "/NO-SUCH-SITE/events", Json, """{"status":"verified"}""", null, 404, null },
        { "an attachment that is HTML", "POST", Sites + "/{site}/attachments", "text/html", "<script>alert(1)</script>", null, 415, "Content-Type" },
        { "an empty PDF", "POST", Sites + "/{site}/attachments", "application/pdf", "", null, 400, "body" },
        { "a PDF that is not one", "POST", Sites + "/{site}/attachments", "application/pdf", "MZ this is an executable", null, 400, "body" },
        { "an attachment for an event id that is a word", "POST", Sites + "/{site}/attachments?event=abc", "application/pdf", "%PDF-1.4 x", null, 400, "event" },
        { "an attachment for another site's event", "POST", Sites + "/{site}/attachments?event=999999999", "application/pdf", "%PDF-1.4 x", null, 400, "event" },
        { "an attachment with a malformed digest", "POST", Sites + "/{site}/attachments", "application/pdf", "%PDF-1.4 x", "Content-Digest: md5=abc", 400, "Content-Digest" },
        { "an attachment whose digest is wrong", "POST", Sites + "/{site}/attachments", "application/pdf", "%PDF-1.4 x", "Content-Digest: sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:", 400, "Content-Digest" },
        { "an attachment id that is a word", "GET", Sites + "/{site}/attachments/abc", null, null, null, 404, null },
        { "the timeline of a site that is none", "GET", Sites + "/NO-SUCH-SITE/events", null, null, null, 404, null },
        { "overdue at a time that is none", "GET", "/sites/overdue?at=yesterday", null, null, null, 400, "at" },
        { "overdue in an area that is none", "GET", "/sites/overdue?area=Atlantis", null, null, null, 400, "area" },
        { "a grid timeline with limit 0", "GET", "/ogc/collections/grids-3/items/G410182201201/events?limit=0", null, null, null, 400, "limit" },

        // sign-in, audit, figures, withdrawal
        { "a sign-in with nothing", "POST", "/auth/token", Json, "{}", null, 400, "username" },
        { "a sign-in with a 1,000-character name", "POST", "/auth/token", Json, "{\"username\":\"" + new string('a', 1000) + "\",\"password\":\"x\"}", null, 400, "username" },
        { "a sign-in with a number for a password", "POST", "/auth/token", Json, """{"username":"admin","password":12345}""", null, 400, "password" },
        { "a sign-in as text/plain", "POST", "/auth/token", "text/plain", """{"username":"admin","password":"x"}""", null, 415, "Content-Type" },
        { "an audit page of 0 rows", "GET", "/audit?limit=0", null, null, null, 400, "limit" },
        { "an audit feature without its collection", "GET", "/audit?feature=SL-0001", null, null, null, 400, "collection" },
        { "an audit page before -1", "GET", "/audit?before=-1", null, null, null, 400, "before" },
        { "figures with no area", "GET", "/figures/reports", null, null, null, 400, "area" },
        { "figures by level 9", "GET", "/figures/reports?area=410182201&level=9", null, null, null, 400, "level" },
        { "figures over a period that ends first", "GET", "/figures/reports?area=410182201&datetime=2025-12-31/2025-01-01", null, null, null, 400, "datetime" },
        { "a withdrawal with a number for a token", "POST", "/ogc/collections/reports/items/{report}/withdraw", Json, """{"token":42}""", null, 400, "token" },
        { "a withdrawal with a wrong token", "POST", "/ogc/collections/reports/items/{report}/withdraw", Json, """{"token":"guess"}""", null, 403, null },

        // Open311 (errors in the spec's own format, checked by status here)
        { "an Open311 request at latitude 1e308", "POST", "/open311/v2/requests.json", "application/x-www-form-urlencoded", "service_code=sanitation&lat=1e308&long=113.6", null, 400, null },
        { "an Open311 request at NaN", "POST", "/open311/v2/requests.json", "application/x-www-form-urlencoded", "service_code=sanitation&lat=NaN&long=113.6", null, 400, null },
        { "an Open311 request without a service", "POST", "/open311/v2/requests.json", "application/x-www-form-urlencoded", "lat=34.8&long=113.6", null, 400, null },
        { "an Open311 request with a service twice", "POST", "/open311/v2/requests.json", "application/x-www-form-urlencoded", "service_code=sanitation&service_code=safety&lat=34.8&long=113.6", null, 400, null },
        { "an Open311 request in Beijing", "POST", "/open311/v2/requests.json", "application/x-www-form-urlencoded", "service_code=sanitation&lat=39.9&long=116.4", null, 400, null },
        { "an Open311 description of 10,000 characters", "POST", "/open311/v2/requests.json", "application/x-www-form-urlencoded", "service_code=sanitation&lat=34.8&long=113.6&description=" + new string('x', 10_000), null, 400, null },
        { "Open311 requests since a date that is none", "GET", "/open311/v2/requests.json?start_date=garbage", null, null, null, 400, null },
        { "Open311 requests over five years", "GET", "/open311/v2/requests.json?start_date=2020-01-01&end_date=2025-01-01", null, null, null, 400, null },
        { "Open311 requests of a status that is none", "GET", "/open311/v2/requests.json?status=maybe", null, null, null, 400, null },
        { "Open311 in YAML", "GET", "/open311/v2/services.yaml", null, null, null, 404, null },
        { "an Open311 service that is none", "GET", "/open311/v2/services/fireworks.json", null, null, null, 400, null },

        // browser safety
        { "a foreign Host (DNS rebinding)", "GET", "/ogc", null, null, "Host: evil.example", 400, null },
        { "the viewer's package.json", "GET", "/viewer/package.json", null, null, null, 404, null },
        { "the viewer's node_modules", "GET", "/viewer/node_modules/maplibre-gl/package.json", null, null, null, 404, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_hostile_request_is_refused_by_name_and_changes_nothing(string name, string method, string path, string? contentType, string? body, string? header, int status, string? parameter)
    {
        // Signed in as an admin, who may make every write: what refuses these is their content.
        var client = await _factory.ClientAsync(Role.Admin);
        var site = await db.ScalarAsync<string>("SELECT code FROM sites ORDER BY id LIMIT 1");
        var report = await db.ScalarAsync<string>("SELECT code FROM reports ORDER BY id LIMIT 1");
        var siteVersion = await db.ScalarAsync<int>("SELECT version FROM sites WHERE code = $1", site);
        var reportVersion = await db.ScalarAsync<int>("SELECT version FROM reports WHERE code = $1", report);
        string Fill(string text) => text
            .Replace("{site}", site, StringComparison.Ordinal)
            .Replace("{report}", report, StringComparison.Ordinal)
            .Replace("{report-etag}", $"\"{reportVersion}\"", StringComparison.Ordinal)
            .Replace("{etag}", $"\"{siteVersion}\"", StringComparison.Ordinal);

        var request = new HttpRequestMessage(new HttpMethod(method), Fill(path));
        if (body is not null)
        {
            var text = body == "@big"
                ? Feature($$"""{"category":"乱堆","description":"{{new string('x', 2 << 20)}}"}""")
                : Fill(body);
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
            if (contentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }

        if (header is not null)
        {
            var (key, value) = (header[..header.IndexOf(':', StringComparison.Ordinal)], Fill(header[(header.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()));
            if (key == "Host")
            {
                request.Headers.Host = value;
            }
            else if (!request.Headers.TryAddWithoutValidation(key, value))
            {
                request.Content!.Headers.TryAddWithoutValidation(key, value);
            }
        }

        var before = await SnapshotAsync();
        var response = await client.SendAsync(request);
        var answer = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"{name}: expected {status}, got {(int)response.StatusCode}: {answer[..Math.Min(answer.Length, 400)]}");
        if (parameter == Ows)
        {
            Assert.Contains("Exception", answer, StringComparison.Ordinal);
            Assert.StartsWith("<", answer.TrimStart(), StringComparison.Ordinal);
        }
        else if (parameter is not null)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(answer);
            Assert.Equal(parameter, problem.RootElement.GetProperty("parameter").GetString());
            Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("detail").GetString()), name);
        }

        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public void The_suite_holds_at_least_a_hundred_cases() => Assert.True(Cases().Count >= 100);

    /// <summary>What any write would move: the data version (bumped at commit by every data table's trigger) and the rows of the side tables.</summary>
    private async Task<string> SnapshotAsync() => await db.ScalarAsync<string>("""
        SELECT concat_ws(',', (SELECT last_value FROM data_version), (SELECT count(*) FROM audit_log), (SELECT count(*) FROM analysis_jobs),
                              (SELECT count(*) FROM idempotency_keys), (SELECT count(*) FROM sites), (SELECT count(*) FROM reports),
                              (SELECT coalesce(sum(version), 0) FROM sites), (SELECT coalesce(sum(version), 0) FROM reports))
        """);

    public void Dispose() => _factory.Dispose();
}
