using System.Globalization;
using System.Text;
using CsvHelper;
using GeoGrid.Core.Demo;
using System.Text.Json;
using NetTopologySuite.Geometries;

namespace GeoGrid.Formats;

/// <summary>Reads the real inputs of the demo dataset from <c>data/zhengzhou/</c>.</summary>
public static class DemoSourceReader
{
    public static DemoSources Read(string dataDirectory)
    {
        var folder = Path.Combine(dataDirectory, "zhengzhou");
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "districts.echarts.geojson")));
        var districts = doc.RootElement.GetProperty("features").EnumerateArray()
            .Select(f => new DistrictSource(
                f.GetProperty("id").GetString() ?? throw new FormatException("district without id"),
                f.GetProperty("properties").GetProperty("name").GetString() ?? string.Empty,
                f.GetProperty("geometry").Deserialize<Geometry>(FeatureFiles.GeoJsonOptions) ?? throw new FormatException("district without geometry")))
            .OrderBy(d => d.Code, StringComparer.Ordinal)
            .ToList();
        var codes = districts.Select(d => d.Code).ToHashSet();
        var towns = ReadCodes(Path.Combine(folder, "streets.csv"), "areaCode").Where(t => codes.Contains(t.ParentCode)).ToList();
        var townCodes = towns.Select(t => t.Code).ToHashSet();
        var villages = ReadCodes(Path.Combine(folder, "villages.csv"), "streetCode").Where(v => townCodes.Contains(v.ParentCode)).ToList();
        return new DemoSources(districts, towns, villages);
    }

    private static List<NamedCode> ReadCodes(string path, string parentColumn)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var list = new List<NamedCode>();
        while (csv.Read())
        {
            list.Add(new NamedCode(csv.GetField("code")!, csv.GetField("name")!, csv.GetField(parentColumn)!));
        }

        return list;
    }
}
