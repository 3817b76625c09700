using System.Globalization;
using System.Xml.Linq;
using GeoGrid.Server.Tiles;
using GeoGrid.Storage.Tiles;

namespace GeoGrid.Server.Wmts;

/// <summary>
/// WMTS 1.0.0 capabilities for the raster tilesets on the GoogleMapsCompatible tile matrix set, with
/// both KVP and RESTful GetTile, as BruTile (Mapsui), QGIS and GDAL read them.
/// </summary>
public static class WmtsCapabilities
{
    public const string MatrixSet = "GoogleMapsCompatible";

    private static readonly XNamespace s_wmts = "http://www.opengis.net/wmts/1.0";
    private static readonly XNamespace s_ows = "http://www.opengis.net/ows/1.1";
    private static readonly XNamespace s_xlink = "http://www.w3.org/1999/xlink";

    public static XDocument Build(string baseUrl)
    {
        var kvp = $"{baseUrl}/wmts?";
        var contents = new XElement(s_wmts + "Contents");
        foreach (var tileset in TileCatalog.Tilesets)
        {
            var title = tileset == TileCatalog.Composite ? "全部图层" : TileCatalog.Find(tileset)![0].Collection.Title;
            contents.Add(new XElement(s_wmts + "Layer",
                new XElement(s_ows + "Title", title),
                new XElement(s_ows + "WGS84BoundingBox", new XElement(s_ows + "LowerCorner", "112.7 34.25"), new XElement(s_ows + "UpperCorner", "114.25 35.0")),
                new XElement(s_ows + "Identifier", tileset),
                new XElement(s_wmts + "Style", new XAttribute("isDefault", "true"), new XElement(s_ows + "Identifier", "default")),
                new XElement(s_wmts + "Format", "image/png"),
                new XElement(s_wmts + "TileMatrixSetLink", new XElement(s_wmts + "TileMatrixSet", MatrixSet)),
                new XElement(s_wmts + "ResourceURL", new XAttribute("format", "image/png"), new XAttribute("resourceType", "tile"),
                    new XAttribute("template", $"{baseUrl}/wmts/1.0.0/{tileset}/{{Style}}/{{TileMatrixSet}}/{{TileMatrix}}/{{TileRow}}/{{TileCol}}.png"))));
        }

        var matrixSet = new XElement(s_wmts + "TileMatrixSet",
            new XElement(s_ows + "Identifier", MatrixSet),
            new XElement(s_ows + "SupportedCRS", "urn:ogc:def:crs:EPSG::3857"),
            new XElement(s_wmts + "WellKnownScaleSet", "urn:ogc:def:wkss:OGC:1.0:GoogleMapsCompatible"));
        for (var z = 0; z <= TileCatalog.MaxZoom; z++)
        {
            var n = (1 << z).ToString(CultureInfo.InvariantCulture);
            matrixSet.Add(new XElement(s_wmts + "TileMatrix",
                new XElement(s_ows + "Identifier", z.ToString(CultureInfo.InvariantCulture)),
                new XElement(s_wmts + "ScaleDenominator", WebMercatorQuad.ScaleDenominator(z).ToString("R", CultureInfo.InvariantCulture)),
                new XElement(s_wmts + "TopLeftCorner", FormattableString.Invariant($"{-WebMercatorQuad.Origin} {WebMercatorQuad.Origin}")),
                new XElement(s_wmts + "TileWidth", "256"), new XElement(s_wmts + "TileHeight", "256"),
                new XElement(s_wmts + "MatrixWidth", n), new XElement(s_wmts + "MatrixHeight", n)));
        }

        contents.Add(matrixSet);
        XElement Operation(string name) => new(s_ows + "Operation", new XAttribute("name", name),
            new XElement(s_ows + "DCP", new XElement(s_ows + "HTTP", new XElement(s_ows + "Get", new XAttribute(s_xlink + "href", kvp),
                new XElement(s_ows + "Constraint", new XAttribute("name", "GetEncoding"), new XElement(s_ows + "AllowedValues", new XElement(s_ows + "Value", "KVP")))))));

        return new XDocument(new XElement(s_wmts + "Capabilities",
            new XAttribute("version", "1.0.0"),
            new XAttribute(XNamespace.Xmlns + "ows", s_ows), new XAttribute(XNamespace.Xmlns + "xlink", s_xlink),
            new XElement(s_ows + "ServiceIdentification", new XElement(s_ows + "Title", "GeoGrid 郑州网格地图"), new XElement(s_ows + "ServiceType", "OGC WMTS"), new XElement(s_ows + "ServiceTypeVersion", "1.0.0")),
            new XElement(s_ows + "OperationsMetadata", Operation("GetCapabilities"), Operation("GetTile")),
            contents,
            new XElement(s_wmts + "ServiceMetadataURL", new XAttribute(s_xlink + "href", $"{baseUrl}/wmts/1.0.0/WMTSCapabilities.xml"))));
    }
}
