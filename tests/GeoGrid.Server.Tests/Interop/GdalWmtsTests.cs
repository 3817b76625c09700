using GeoGrid.Testing;

namespace GeoGrid.Server.Tests.Interop;

/// <summary>GDAL's WMTS driver reads the capabilities and tiles, as a desktop client would.</summary>
[Collection(PostGisCollection.Name)]
public sealed class GdalWmtsTests(PostGisFixture db) : IAsyncLifetime
{
    private readonly LiveServer _server = new(db);
    private readonly string _folder = Directory.CreateTempSubdirectory("geogrid-wmts-").FullName;

    public Task InitializeAsync() => _server.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Gdalinfo_reads_the_capabilities_and_gdal_translate_a_window_of_tiles()
    {
        var source = $"WMTS:{_server.Url}/wmts?service=WMTS&request=GetCapabilities,layer=geogrid";
        var info = await ExternalTool.RunAsync("gdalinfo", source);
        Assert.Contains("Pseudo-Mercator", info);
        Assert.Contains("112d41'59.99\"E", info);

        var output = Path.Combine(_folder, "zhengzhou.png");
        await ExternalTool.RunAsync("gdal_translate", "-q", "-outsize", "256", "0", "-projwin", "12620000", "4150000", "12660000", "4110000", source, output);
        using var bitmap = SkiaSharp.SKBitmap.Decode(output);
        Assert.Equal(256, bitmap.Width);
        Assert.True(bitmap.Pixels.Distinct().Count() > 50);
    }
}
