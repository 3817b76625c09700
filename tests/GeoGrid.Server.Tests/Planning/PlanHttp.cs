using System.Text;
using System.Text.Json;

namespace GeoGrid.Server.Tests.Planning;

/// <summary>The plan tests' requests and answers: JSON bodies out, successful JSON answers in.</summary>
internal static class PlanHttp
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
