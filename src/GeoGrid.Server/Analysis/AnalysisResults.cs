using System.Text.Json;
using System.Text.Json.Nodes;
using GeoGrid.Core.Analysis.Runs;
using GeoGrid.Core.Crs;
using GeoGrid.Formats;

namespace GeoGrid.Server.Analysis;

/// <summary>
/// An analysis result as GeoJSON: a FeatureCollection whose foreign members say which analysis ran,
/// with which parameters, on which data version, and its summary — so a stored result explains itself.
/// </summary>
public static class AnalysisResults
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void Write(Stream stream, AnalysisRequest request, AnalysisOutput output, long dataVersion) =>
        FeatureFileWriter.WriteGeoJson(stream, output.Features, Crs.Epsg4326, writer =>
        {
            writer.WriteString("analysis", request.Analysis.Name);
            writer.WritePropertyName("parameters");
            JsonSerializer.Serialize(writer, request.Effective(), s_json);
            writer.WriteNumber("data_version", dataVersion);
            writer.WritePropertyName("summary");
            Summary(output).WriteTo(writer);
        });

    public static JsonObject Summary(AnalysisOutput output) => JsonSerializer.SerializeToNode(output.Summary, s_json)!.AsObject();
}
