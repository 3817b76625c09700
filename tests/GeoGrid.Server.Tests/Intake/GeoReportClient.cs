using System.Net.Http.Json;
using System.Text.Json;

namespace GeoGrid.Server.Tests.Intake;

/// <summary>
/// A small Open311 GeoReport v2 client written from the spec (http://wiki.open311.org/GeoReport_v2),
/// knowing nothing of GeoGrid: it finds the endpoint by discovery, lists services, posts a request as
/// a form and reads requests back — what a 311 app does.
/// </summary>
public sealed class GeoReportClient(HttpClient http, string discoveryUrl)
{
    private string? _endpoint;

    public sealed record ServiceInfo(string Code, string Name, string? Keywords);

    public sealed record RequestInfo(string Id, string Status, string ServiceCode, string? Description, double Lat, double Long, string? Notice);

    public async Task<string> EndpointAsync()
    {
        if (_endpoint is null)
        {
            using var discovery = JsonDocument.Parse(await http.GetStringAsync(discoveryUrl));
            var endpoint = discovery.RootElement.GetProperty("endpoints").EnumerateArray()
                .First(e => e.GetProperty("specification").GetString() == "http://wiki.open311.org/GeoReport_v2" && e.GetProperty("formats").EnumerateArray().Any(f => f.GetString() == "application/json"));
            _endpoint = endpoint.GetProperty("url").GetString()!;
        }

        return _endpoint;
    }

    public async Task<IReadOnlyList<ServiceInfo>> ServicesAsync()
    {
        using var doc = JsonDocument.Parse(await http.GetStringAsync(await EndpointAsync() + "services.json"));
        return doc.RootElement.EnumerateArray().Select(s => new ServiceInfo(s.GetProperty("service_code").GetString()!, s.GetProperty("service_name").GetString()!, s.GetProperty("keywords").GetString())).ToList();
    }

    /// <summary>POSTs a request (form-encoded, as the spec says); the new id, or the spec's error list on failure.</summary>
    public async Task<(string? Id, string? Notice, int Status, JsonElement Answer)> PostAsync(string serviceCode, double lat, double lon, string description)
    {
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["service_code"] = serviceCode,
            ["lat"] = lat.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            ["long"] = lon.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            ["description"] = description,
        });
        var response = await http.PostAsync(await EndpointAsync() + "requests.json", form);
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        var first = answer.EnumerateArray().First();
        return response.IsSuccessStatusCode
            ? (first.GetProperty("service_request_id").GetString(), first.GetProperty("service_notice").GetString(), (int)response.StatusCode, answer)
            : (null, null, (int)response.StatusCode, answer);
    }

    public async Task<RequestInfo?> RequestAsync(string id)
    {
        var response = await http.GetAsync(await EndpointAsync() + $"requests/{Uri.EscapeDataString(id)}.json");
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return Read(doc.RootElement.EnumerateArray().Single());
    }

    public async Task<IReadOnlyList<RequestInfo>> RequestsAsync(string query)
    {
        using var doc = JsonDocument.Parse(await http.GetStringAsync(await EndpointAsync() + "requests.json?" + query));
        return doc.RootElement.EnumerateArray().Select(Read).ToList();
    }

    private static RequestInfo Read(JsonElement r) => new(
        r.GetProperty("service_request_id").GetString()!, r.GetProperty("status").GetString()!, r.GetProperty("service_code").GetString()!,
        r.TryGetProperty("description", out var d) ? d.GetString() : null, r.GetProperty("lat").GetDouble(), r.GetProperty("long").GetDouble(),
        r.TryGetProperty("service_notice", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null);
}
