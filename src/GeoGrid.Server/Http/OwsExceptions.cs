using System.Xml.Linq;
using Microsoft.AspNetCore.Http;

namespace GeoGrid.Server.Http;

/// <summary>
/// The error documents OGC web services answer with: a WMS 1.3.0 ServiceExceptionReport under
/// <c>/wms</c>, an OWS 1.1 ExceptionReport under <c>/wmts</c>. Their clients (QGIS, GDAL, BruTile)
/// read these, not problem+json.
/// </summary>
public static class OwsExceptions
{
    public static bool Wanted(HttpRequest request) => request.Path.StartsWithSegments("/wms") || request.Path.StartsWithSegments("/wmts");

    public static Task WriteAsync(HttpContext context, int status, string? locator, string message) =>
        WriteAsync(context, status, status == 503 ? "NoApplicableCode" : "InvalidParameterValue", locator, message);

    public static async Task WriteAsync(HttpContext context, int status, string code, string? locator, string message)
    {
        context.Response.StatusCode = status;
        XElement report;
        if (context.Request.Path.StartsWithSegments("/wms"))
        {
            context.Response.ContentType = "text/xml; charset=utf-8";
            XNamespace ogc = "http://www.opengis.net/ogc";
            report = new XElement(ogc + "ServiceExceptionReport", new XAttribute("version", "1.3.0"),
                new XElement(ogc + "ServiceException", new XAttribute("code", code), locator is null ? null : new XAttribute("locator", locator), message));
        }
        else
        {
            context.Response.ContentType = "application/xml; charset=utf-8";
            XNamespace ows = "http://www.opengis.net/ows/1.1";
            report = new XElement(ows + "ExceptionReport", new XAttribute("version", "1.1.0"),
                new XElement(ows + "Exception", new XAttribute("exceptionCode", code), locator is null ? null : new XAttribute("locator", locator),
                    new XElement(ows + "ExceptionText", message)));
        }

        await context.Response.WriteAsync(report.ToString(), context.RequestAborted).ConfigureAwait(false);
    }
}
