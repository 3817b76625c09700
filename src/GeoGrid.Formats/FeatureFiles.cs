using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using GeoGrid.Core.Crs;
using GeoGrid.Core.Import;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using NetTopologySuite.IO.Converters;
using EsriShapefile = NetTopologySuite.IO.Esri.Shapefile;

namespace GeoGrid.Formats;

/// <summary>
/// Reads features from GeoJSON, GeoPackage, Shapefile and CSV (lon/lat columns or a WKT column), and
/// says which CRS the file declares, so the caller can convert to the storage CRS.
/// </summary>
public static class FeatureFiles
{
    public static FeatureFormat FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".geojson" or ".json" => FeatureFormat.GeoJson,
        ".gpkg" => FeatureFormat.GeoPackage,
        ".shp" => FeatureFormat.Shapefile,
        ".csv" => FeatureFormat.Csv,
        var other => throw new FormatException($"Unsupported file type '{other}': use .geojson, .gpkg, .shp or .csv."),
    };

    /// <summary>Reads every feature; <paramref name="declared"/> is the CRS the file itself names, if any.</summary>
    public static IReadOnlyList<FeatureRecord> Read(string path, out Crs? declared)
    {
        var format = FormatOf(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No such file: {path}", path);
        }

        try
        {
            return format switch
            {
                FeatureFormat.GeoJson => ReadGeoJson(path, out declared),
                FeatureFormat.GeoPackage => ReadGeoPackage(path, out declared),
                FeatureFormat.Shapefile => ReadShapefile(path, out declared),
                _ => ReadCsv(path, out declared),
            };
        }
        catch (ArgumentException e)
        {
            // NTS refuses unclosed or degenerate rings (fewer than four points) while reading.
            throw new FormatException($"a geometry cannot be read: {e.Message}", e);
        }
    }

    public static JsonSerializerOptions GeoJsonOptions { get; } = CreateGeoJsonOptions();

    private static JsonSerializerOptions CreateGeoJsonOptions()
    {
        var options = new JsonSerializerOptions { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        options.Converters.Add(new GeoJsonConverterFactory(NetTopologySuite.NtsGeometryServices.Instance.CreateGeometryFactory(), false, "id"));
        return options;
    }

    /// <summary>From this many features on, a GeoJSON file's features are built on every core.</summary>
    private const int ParallelFrom = 2_000;

    /// <summary>
    /// One pass of the tokenizer over the file finds its <c>crs</c> and where each feature begins and
    /// ends; the features are then built from their own bytes, on every core for a large file. (Building
    /// one NTS FeatureCollection of the whole file held several times its size and used one core.)
    /// </summary>
    private static IReadOnlyList<FeatureRecord> ReadGeoJson(string path, out Crs? declared)
    {
        // Files saved on Windows often start with a UTF-8 byte order mark, which JSON parsers refuse.
        ReadOnlyMemory<byte> bytes = File.ReadAllBytes(path);
        if (bytes.Span.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        var (spans, crs) = FeatureSpans(bytes.Span);
        declared = crs;
        var records = new FeatureRecord[spans.Count];
        var failures = new System.Collections.Concurrent.ConcurrentBag<(int Number, string Message)>();
        void Build(int i)
        {
            try
            {
                var f = JsonSerializer.Deserialize<IFeature>(bytes.Span.Slice(spans[i].Start, spans[i].Length), GeoJsonOptions)
                    ?? throw new FormatException("it is null, not a Feature");
                records[i] = new FeatureRecord(i + 1, f.Geometry, ToDictionary(f.Attributes));
            }
            catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or InvalidCastException or FormatException)
            {
                failures.Add((i + 1, e.Message));
            }
        }

        if (spans.Count >= ParallelFrom)
        {
            Parallel.For(0, spans.Count, Build);
        }
        else
        {
            for (var i = 0; i < spans.Count; i++)
            {
                Build(i);
            }
        }

        // The first feature that cannot be read names the file's fault (NTS refuses unclosed or
        // degenerate rings while reading; the converter refuses members of the wrong kind).
        return failures.IsEmpty ? records : throw new FormatException(failures.MinBy(f => f.Number) is var (n, message) ? $"feature {n} cannot be read: {message}" : null);
    }

    /// <summary>Where each member of the top-level <c>features</c> array lies in <paramref name="json"/>, and the CRS a <c>crs</c> member names.</summary>
    private static (List<(int Start, int Length)> Spans, Crs? Declared) FeatureSpans(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new FormatException("Not a GeoJSON FeatureCollection.");
        }

        List<(int, int)>? spans = null;
        Crs? declared = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("features"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    throw new FormatException("The FeatureCollection's \"features\" is not an array.");
                }

                spans = [];
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        throw new FormatException($"feature {spans.Count + 1} is not a JSON object");
                    }

                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    spans.Add((start, (int)reader.BytesConsumed - start));
                }
            }
            else if (reader.ValueTextEquals("crs"u8))
            {
                // RFC 7946 dropped "crs", but QGIS and GDAL still write it for non-WGS 84 files.
                reader.Read();
                using var crs = JsonDocument.ParseValue(ref reader);
                if (crs.RootElement.ValueKind == JsonValueKind.Object && crs.RootElement.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object
                    && props.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String && CrsNames.TryParse(name.GetString(), out var parsed))
                {
                    declared = parsed;
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            throw new FormatException("The GeoJSON file goes on after its FeatureCollection.");
        }

        return (spans ?? throw new FormatException("Not a GeoJSON FeatureCollection: it has no \"features\" array."), declared);
    }

    /// <summary>One GeoJSON Feature, as an API request body carries it.</summary>
    public static FeatureRecord ParseFeature(ReadOnlySpan<byte> json)
    {
        try
        {
            var feature = JsonSerializer.Deserialize<IFeature>(json, GeoJsonOptions) ?? throw new FormatException("The body is not a GeoJSON Feature.");
            return new FeatureRecord(1, feature.Geometry, ToDictionary(feature.Attributes));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or InvalidCastException)
        {
            // NTS refuses unclosed or degenerate rings while reading; the GeoJSON converter throws
            // InvalidOperationException for members of the wrong kind.
            throw new FormatException($"a geometry or member cannot be read: {e.Message}", e);
        }
    }

    /// <summary>A geometry as GeoJSON text, as the reader above takes it back.</summary>
    public static string GeometryJson(Geometry geometry) => JsonSerializer.Serialize(geometry, GeoJsonOptions);

    /// <summary>One GeoJSON geometry, as a request body or a merge patch carries it.</summary>
    public static Geometry ParseGeometry(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<Geometry>(json, GeoJsonOptions) ?? throw new FormatException("geometry is null");
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or InvalidCastException)
        {
            throw new FormatException($"the geometry cannot be read: {e.Message}", e);
        }
    }

    private static IReadOnlyList<FeatureRecord> ReadShapefile(string path, out Crs? declared)
    {
        // A Shapefile is three files at least; say which one is missing rather than "File not found."
        var missing = new[] { ".dbf", ".shx" }.Where(x => !File.Exists(Path.ChangeExtension(path, x))).ToList();
        if (missing.Count > 0)
        {
            throw new FormatException($"a Shapefile needs its {string.Join(" and ", missing)} beside the .shp ({string.Join(", ", missing.Select(x => Path.GetFileName(Path.ChangeExtension(path, x))))} not found)");
        }

        var prj = Path.ChangeExtension(path, ".prj");
        declared = File.Exists(prj) ? CrsFromWkt(File.ReadAllText(prj)) : null;
        var cpg = Path.ChangeExtension(path, ".cpg");
        var encoding = File.Exists(cpg) && File.ReadAllText(cpg).Trim().Contains("GBK", StringComparison.OrdinalIgnoreCase)
            ? CodePagesEncoding("GBK") : Encoding.UTF8;
        var features = EsriShapefile.ReadAllFeatures(path, new NetTopologySuite.IO.Esri.Shapefiles.Readers.ShapefileReaderOptions { Encoding = encoding });
        return features.Select((f, i) => new FeatureRecord(i + 1, f.Geometry, ToDictionary(f.Attributes))).ToList();
    }

    private static Encoding CodePagesEncoding(string name)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(name);
    }

    private static IReadOnlyList<FeatureRecord> ReadGeoPackage(string path, out Crs? declared)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        string table, column;
        int srsId;
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT c.table_name, g.column_name, g.srs_id FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name WHERE c.data_type = 'features' ORDER BY c.table_name LIMIT 1";
            using var reader = cmd.ExecuteReader();
            if (!reader.Read())
            {
                throw new FormatException("The GeoPackage has no feature table.");
            }

            (table, column, srsId) = (reader.GetString(0), reader.GetString(1), reader.GetInt32(2));
        }

        declared = CrsNames.TryParse(srsId.ToString(CultureInfo.InvariantCulture), out var parsed) ? parsed : null;
        var geoReader = new GeoPackageGeoReader();
        var result = new List<FeatureRecord>();
        using var select = connection.CreateCommand();
        select.CommandText = $"SELECT * FROM \"{table.Replace("\"", "\"\"")}\"";
        using var rows = select.ExecuteReader();
        while (rows.Read())
        {
            Geometry? geometry = null;
            var properties = new Dictionary<string, object?>();
            for (var i = 0; i < rows.FieldCount; i++)
            {
                var name = rows.GetName(i);
                if (name == column)
                {
                    geometry = rows.IsDBNull(i) ? null : geoReader.Read((byte[])rows.GetValue(i));
                }
                else if (name != "fid")
                {
                    properties[name] = rows.IsDBNull(i) ? null : rows.GetValue(i);
                }
            }

            result.Add(new FeatureRecord(result.Count + 1, geometry, properties));
        }

        return result;
    }

    private static IReadOnlyList<FeatureRecord> ReadCsv(string path, out Crs? declared)
    {
        declared = null;
        using var reader = new StreamReader(path, Encoding.UTF8);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { DetectDelimiter = true });
        csv.Read();
        csv.ReadHeader();
        var header = csv.HeaderRecord ?? throw new FormatException("The CSV file has no header row.");
        var lon = header.FirstOrDefault(h => h.ToLowerInvariant() is "lon" or "lng" or "longitude" or "x");
        var lat = header.FirstOrDefault(h => h.ToLowerInvariant() is "lat" or "latitude" or "y");
        var wkt = header.FirstOrDefault(h => h.ToLowerInvariant() is "wkt" or "geometry" or "geom");
        if (wkt is null && (lon is null || lat is null))
        {
            throw new FormatException("The CSV file needs lon and lat columns (or lng/longitude/x and latitude/y), or a wkt column.");
        }

        var factory = NetTopologySuite.NtsGeometryServices.Instance.CreateGeometryFactory();
        var wktReader = new WKTReader();
        var result = new List<FeatureRecord>();
        while (csv.Read())
        {
            var number = result.Count + 1;
            Geometry? geometry = null;
            if (wkt is not null && !string.IsNullOrWhiteSpace(csv.GetField(wkt)))
            {
                try
                {
                    geometry = wktReader.Read(csv.GetField(wkt));
                }
                catch (Exception e) when (e is ParseException or ArgumentException)
                {
                    // Reported as "missing or empty geometry" against its row by the validator.
                    geometry = null;
                }
            }
            else if (lon is not null && lat is not null
                && double.TryParse(csv.GetField(lon), NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
                && double.TryParse(csv.GetField(lat), NumberStyles.Float, CultureInfo.InvariantCulture, out var y))
            {
                geometry = factory.CreatePoint(new Coordinate(x, y));
            }

            var properties = header.Where(h => h != lon && h != lat && h != wkt)
                .ToDictionary(h => h, h => (object?)(string.IsNullOrEmpty(csv.GetField(h)) ? null : csv.GetField(h)));
            result.Add(new FeatureRecord(number, geometry, properties));
        }

        return result;
    }

    /// <summary>Recognises the CRSs GeoGrid supports in an ESRI .prj / OGC WKT text.</summary>
    public static Crs? CrsFromWkt(string wkt)
    {
        var w = wkt.Replace(" ", "_", StringComparison.Ordinal);
        if (w.Contains("Gauss", StringComparison.OrdinalIgnoreCase) || w.Contains("Transverse_Mercator", StringComparison.OrdinalIgnoreCase))
        {
            return w.Contains("114", StringComparison.Ordinal) ? Crs.Epsg4547 : null;
        }

        if (w.Contains("Mercator", StringComparison.OrdinalIgnoreCase))
        {
            return Crs.Epsg3857;
        }

        if (w.Contains("2000", StringComparison.Ordinal))
        {
            return Crs.Epsg4490;
        }

        return w.Contains("WGS_1984", StringComparison.OrdinalIgnoreCase) || w.Contains("WGS_84", StringComparison.OrdinalIgnoreCase) ? Crs.Epsg4326 : null;
    }

    private static Dictionary<string, object?> ToDictionary(IAttributesTable? attributes)
    {
        var d = new Dictionary<string, object?>();
        if (attributes is null)
        {
            return d;
        }

        foreach (var name in attributes.GetNames())
        {
            var value = attributes[name];
            d[name] = value is JsonElement e ? JsonValue(e) : value;
        }

        return d;
    }

    private static object? JsonValue(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.TryGetInt64(out var l) ? l : e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => e.GetRawText(),
    };
}
