using System.Xml.Linq;
using GeoGrid.Storage.Tiles;

namespace GeoGrid.Server.Wms;

/// <summary>WMS 1.3.0 capabilities: every tileset as a layer, in the CRSs GeoGrid renders.</summary>
public static class WmsCapabilities
{
    public static readonly string[] Crs = ["CRS:84", "EPSG:4326", "EPSG:4490", "EPSG:4547", "EPSG:3857"];

    private static readonly XNamespace s_wms = "http://www.opengis.net/wms";
    private static readonly XNamespace s_xlink = "http://www.w3.org/1999/xlink";

    public static XDocument Build(string baseUrl)
    {
        XElement Resource() => new(s_wms + "OnlineResource", new XAttribute(XNamespace.Xmlns + "xlink", s_xlink), new XAttribute(s_xlink + "href", $"{baseUrl}/wms?"));
        XElement Operation(string name, params string[] formats) => new(s_wms + name,
            formats.Select(f => new XElement(s_wms + "Format", f)),
            new XElement(s_wms + "DCPType", new XElement(s_wms + "HTTP", new XElement(s_wms + "Get", Resource()))));
        XElement Box() => new(s_wms + "EX_GeographicBoundingBox",
            new XElement(s_wms + "westBoundLongitude", "112.7"), new XElement(s_wms + "eastBoundLongitude", "114.25"),
            new XElement(s_wms + "southBoundLatitude", "34.25"), new XElement(s_wms + "northBoundLatitude", "35.0"));

        // Clients such as GDAL look for a BoundingBox in the CRS they will ask in, not only the geographic one.
        XElement Bounds(string crs, double minx, double miny, double maxx, double maxy) => new(s_wms + "BoundingBox", new XAttribute("CRS", crs),
            new XAttribute("minx", minx), new XAttribute("miny", miny), new XAttribute("maxx", maxx), new XAttribute("maxy", maxy));
        var root = new XElement(s_wms + "Layer", new XElement(s_wms + "Title", "GeoGrid 郑州网格地图"), Crs.Select(c => new XElement(s_wms + "CRS", c)), Box(),
            Bounds("CRS:84", 112.7, 34.25, 114.25, 35.0), Bounds("EPSG:4326", 34.25, 112.7, 35.0, 114.25), Bounds("EPSG:3857", 12545706.19, 4062420.24, 12718252.04, 4163881.44));
        foreach (var tileset in TileCatalog.Tilesets)
        {
            root.Add(new XElement(s_wms + "Layer", new XAttribute("queryable", tileset == TileCatalog.Composite ? "0" : "1"),
                new XElement(s_wms + "Name", tileset),
                new XElement(s_wms + "Title", tileset == TileCatalog.Composite ? "全部图层" : TileCatalog.Find(tileset)![0].Collection.Title)));
        }

        return new XDocument(new XElement(s_wms + "WMS_Capabilities", new XAttribute("version", "1.3.0"),
            new XElement(s_wms + "Service", new XElement(s_wms + "Name", "WMS"), new XElement(s_wms + "Title", "GeoGrid"), Resource()),
            new XElement(s_wms + "Capability",
                new XElement(s_wms + "Request",
                    Operation("GetCapabilities", "text/xml"),
                    Operation("GetMap", "image/png"),
                    Operation("GetFeatureInfo", "application/json")),
                new XElement(s_wms + "Exception", new XElement(s_wms + "Format", "XML")),
                root)));
    }
}
