namespace GeoGrid.Server.Wms;

/// <summary>A WMS request GeoGrid refuses, with the WMS exception code to report.</summary>
public sealed class WmsException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
