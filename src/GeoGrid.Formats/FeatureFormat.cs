namespace GeoGrid.Formats;

/// <summary>The file formats GeoGrid imports and exports.</summary>
public enum FeatureFormat
{
    GeoJson,
    GeoPackage,
    Shapefile,
    Csv,
}
