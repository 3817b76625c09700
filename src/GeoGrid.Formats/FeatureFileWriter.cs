using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using GeoGrid.Core.Crs;
using GeoGrid.Core.Import;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using EsriShapefile = NetTopologySuite.IO.Esri.Shapefile;

namespace GeoGrid.Formats;

/// <summary>Writes features to GeoJSON, GeoPackage, Shapefile or CSV (WKT geometry plus lon/lat of a point).</summary>
public static class FeatureFileWriter
{
    public static void Write(string path, string layer, IReadOnlyList<FeatureRecord> features, Crs crs)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        switch (FeatureFiles.FormatOf(path))
        {
            case FeatureFormat.GeoJson:
                WriteGeoJson(path, features, crs);
                break;
            case FeatureFormat.GeoPackage:
                WriteGeoPackage(path, layer, features, crs);
                break;
            case FeatureFormat.Shapefile:
                WriteShapefile(path, features, crs);
                break;
            default:
                WriteCsv(path, features);
                break;
        }
    }

    private static void WriteGeoJson(string path, IReadOnlyList<FeatureRecord> features, Crs crs)
    {
        using var stream = File.Create(path);
        WriteGeoJson(stream, features, crs);
    }

    /// <summary>A FeatureCollection on <paramref name="stream"/>; <paramref name="members"/> writes foreign
    /// members (an analysis's parameters and summary) before the features.</summary>
    public static void WriteGeoJson(Stream stream, IReadOnlyList<FeatureRecord> features, Crs crs, Action<Utf8JsonWriter>? members = null)
    {
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        writer.WriteStartObject();
        writer.WriteString("type", "FeatureCollection");
        if (crs != Crs.Epsg4326)
        {
            // Not RFC 7946, but the member QGIS/GDAL read to learn a non-WGS 84 CRS.
            writer.WriteStartObject("crs");
            writer.WriteString("type", "name");
            writer.WriteStartObject("properties");
            // GCJ-02 has no EPSG code; its name at least tells a reader these are not WGS 84 coordinates.
            writer.WriteString("name", crs == Crs.Gcj02 ? "GCJ02" : $"urn:ogc:def:crs:EPSG::{(int)crs}");
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        members?.Invoke(writer);
        writer.WritePropertyName("features");
        writer.WriteStartArray();
        foreach (var f in features)
        {
            JsonSerializer.Serialize(writer, ToFeature(f), FeatureFiles.GeoJsonOptions);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static Feature ToFeature(FeatureRecord f)
    {
        var attributes = new AttributesTable();
        foreach (var (k, v) in f.Properties)
        {
            // JSON has no NaN or infinity (a Gi* z where every feature neighbours every other is NaN).
            attributes.Add(k, v is double d && !double.IsFinite(d) ? null : v);
        }

        return new Feature(f.Geometry, attributes);
    }

    private static void WriteShapefile(string path, IReadOnlyList<FeatureRecord> features, Crs crs)
    {
        // DBF field names hold at most 10 characters: longer ones are cut (the importer restores them).
        var shortened = features.Select(f => f with { Properties = f.Properties.ToDictionary(p => p.Key.Length > 10 ? p.Key[..10] : p.Key, p => p.Value) }).ToList();
        var kinds = shortened.Where(f => f.Geometry is not null).GroupBy(f => f.Geometry!.Dimension).ToList();
        if (kinds.Count <= 1)
        {
            EsriShapefile.WriteAllFeatures(shortened.Select(ToFeature), path, ProjectionWkt(crs), Encoding.UTF8);
            return;
        }

        // A Shapefile holds one geometry type: a layer that mixes them (四乱 sites are points and
        // polygons) becomes one file per type beside each other, name_point.shp, name_polygon.shp.
        foreach (var kind in kinds)
        {
            var suffix = kind.Key switch { Dimension.Point => "point", Dimension.Curve => "line", _ => "polygon" };
            var part = Path.Combine(Path.GetDirectoryName(path) ?? ".", $"{Path.GetFileNameWithoutExtension(path)}_{suffix}.shp");
            EsriShapefile.WriteAllFeatures(kind.Select(ToFeature), part, ProjectionWkt(crs), Encoding.UTF8);
        }
    }

    /// <summary>The files <see cref="Write"/> makes for <paramref name="path"/>: one, or one per geometry type for a Shapefile of a mixed layer.</summary>
    public static IReadOnlyList<string> WrittenFiles(string path, IReadOnlyList<FeatureRecord> features)
    {
        if (FeatureFiles.FormatOf(path) != FeatureFormat.Shapefile)
        {
            return [path];
        }

        var kinds = features.Where(f => f.Geometry is not null).Select(f => f.Geometry!.Dimension).Distinct().ToList();
        return kinds.Count <= 1 ? [path]
            : kinds.Select(k => Path.Combine(Path.GetDirectoryName(path) ?? ".", $"{Path.GetFileNameWithoutExtension(path)}_{(k switch { Dimension.Point => "point", Dimension.Curve => "line", _ => "polygon" })}.shp")).ToList();
    }

    /// <summary>The ESRI WKT of a CRS, as .prj files beside Shapefiles and ASCII grids carry it.</summary>
    public static string ProjectionWkt(Crs crs) => crs switch
    {
        Crs.Gcj02 => "GEOGCS[\"GCJ-02 (offset WGS 84 of Chinese consumer maps; not a datum)\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]",
        Crs.Epsg4547 => "PROJCS[\"CGCS2000_3_Degree_GK_CM_114E\",GEOGCS[\"GCS_China_Geodetic_Coordinate_System_2000\",DATUM[\"D_China_2000\",SPHEROID[\"CGCS2000\",6378137.0,298.257222101]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]],PROJECTION[\"Gauss_Kruger\"],PARAMETER[\"False_Easting\",500000.0],PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\",114.0],PARAMETER[\"Scale_Factor\",1.0],PARAMETER[\"Latitude_Of_Origin\",0.0],UNIT[\"Meter\",1.0]]",
        Crs.Epsg3857 => "PROJCS[\"WGS_1984_Web_Mercator_Auxiliary_Sphere\",GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]],PROJECTION[\"Mercator_Auxiliary_Sphere\"],PARAMETER[\"False_Easting\",0.0],PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\",0.0],PARAMETER[\"Standard_Parallel_1\",0.0],PARAMETER[\"Auxiliary_Sphere_Type\",0.0],UNIT[\"Meter\",1.0]]",
        Crs.Epsg4490 => "GEOGCS[\"GCS_China_Geodetic_Coordinate_System_2000\",DATUM[\"D_China_2000\",SPHEROID[\"CGCS2000\",6378137.0,298.257222101]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]",
        _ => "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]",
    };

    private static void WriteGeoPackage(string path, string layer, IReadOnlyList<FeatureRecord> features, Crs crs)
    {
        File.Delete(path);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var tx = connection.BeginTransaction();
        // GCJ-02 has no EPSG code: it gets a user-defined srs_id (GeoPackage allows any) and its own name.
        var srid = crs == Crs.Gcj02 ? GcjSrsId : (int)crs;
        var columns = features.SelectMany(f => f.Properties.Keys).Distinct().ToList();
        var columnTypes = columns.Select(c => ColumnType(features.Select(f => f.Properties.GetValueOrDefault(c)))).ToList();
        var geometryType = features.Select(f => f.Geometry?.GeometryType.ToUpperInvariant()).Distinct().Count() == 1 ? features[0].Geometry?.GeometryType.ToUpperInvariant() ?? "GEOMETRY" : "GEOMETRY";
        Execute(connection, "PRAGMA application_id = 1196444487; PRAGMA user_version = 10300;");
        Execute(connection, """
            CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
            CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER);
            CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name));
            INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', NULL), ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', NULL);
            """);
        Execute(connection, "INSERT INTO gpkg_spatial_ref_sys VALUES ($name, $id, $org, $id, $def, NULL)",
            ("$name", crs == Crs.Gcj02 ? "GCJ-02" : CrsNames.Name(crs)), ("$id", srid), ("$org", crs == Crs.Gcj02 ? "GEOGRID" : "EPSG"), ("$def", ProjectionWkt(crs)));
        var env = new Envelope();
        foreach (var f in features.Where(f => f.Geometry is not null))
        {
            env.ExpandToInclude(f.Geometry!.EnvelopeInternal);
        }

        Execute(connection, "INSERT INTO gpkg_contents (table_name, data_type, identifier, min_x, min_y, max_x, max_y, srs_id) VALUES ($t, 'features', $t, $a, $b, $c, $d, $s)",
            ("$t", layer), ("$a", env.MinX), ("$b", env.MinY), ("$c", env.MaxX), ("$d", env.MaxY), ("$s", srid));
        Execute(connection, "INSERT INTO gpkg_geometry_columns VALUES ($t, 'geom', $g, $s, 0, 0)", ("$t", layer), ("$g", geometryType), ("$s", srid));
        var quoted = columns.Select(c => "\"" + c.Replace("\"", "\"\"") + "\"").ToList();
        Execute(connection, $"CREATE TABLE \"{layer}\" (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom {geometryType}{string.Concat(quoted.Select((q, i) => $", {q} {columnTypes[i]}"))})");
        using var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO \"{layer}\" (geom{string.Concat(quoted.Select(q => ", " + q))}) VALUES ($geom{string.Concat(columns.Select((_, i) => $", $p{i}"))})";
        // Two dimensions only: NTS would otherwise write NaN Z and M, and GDAL drops such geometries.
        var writer = new GeoPackageGeoWriter { HandleOrdinates = Ordinates.XY };
        foreach (var f in features)
        {
            insert.Parameters.Clear();
            insert.Parameters.AddWithValue("$geom", f.Geometry is null ? DBNull.Value : writer.Write(WithSrid(f.Geometry, srid)));
            for (var i = 0; i < columns.Count; i++)
            {
                insert.Parameters.AddWithValue($"$p{i}", f.Properties.GetValueOrDefault(columns[i]) ?? DBNull.Value);
            }

            insert.ExecuteNonQuery();
        }

        tx.Commit();
    }

    /// <summary>A user-defined GeoPackage srs_id for GCJ-02 (1–32767 and above 1,000,000 are free of EPSG codes by convention).</summary>
    public const int GcjSrsId = 1_000_002;

    /// <summary>The declared SQLite type of a column, so readers see numbers as numbers: INTEGER, REAL or TEXT.</summary>
    private static string ColumnType(IEnumerable<object?> values)
    {
        var present = values.Where(v => v is not null).ToList();
        return present.Count == 0 ? "TEXT"
            : present.All(v => v is int or long or short or byte) ? "INTEGER"
            : present.All(v => v is int or long or short or byte or double or float or decimal) ? "REAL"
            : "TEXT";
    }

    private static Geometry WithSrid(Geometry g, int srid)
    {
        var copy = g.Copy();
        copy.SRID = srid;
        return copy;
    }

    private static void Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value);
        }

        cmd.ExecuteNonQuery();
    }

    private static void WriteCsv(string path, IReadOnlyList<FeatureRecord> features)
    {
        using var stream = new StreamWriter(path, false, new UTF8Encoding(true));
        using var csv = new CsvWriter(stream, CultureInfo.InvariantCulture);
        var columns = features.SelectMany(f => f.Properties.Keys).Distinct().ToList();
        var points = features.All(f => f.Geometry is Point);
        if (points)
        {
            csv.WriteField("lon");
            csv.WriteField("lat");
        }
        else
        {
            csv.WriteField("wkt");
        }

        foreach (var c in columns)
        {
            csv.WriteField(c);
        }

        csv.NextRecord();
        var wkt = new WKTWriter();
        foreach (var f in features)
        {
            if (points)
            {
                var p = (Point)f.Geometry!;
                csv.WriteField(p.X.ToString("R", CultureInfo.InvariantCulture));
                csv.WriteField(p.Y.ToString("R", CultureInfo.InvariantCulture));
            }
            else
            {
                csv.WriteField(f.Geometry is null ? string.Empty : wkt.Write(f.Geometry));
            }

            foreach (var c in columns)
            {
                csv.WriteField(Convert.ToString(f.Properties.GetValueOrDefault(c), CultureInfo.InvariantCulture));
            }

            csv.NextRecord();
        }
    }
}
