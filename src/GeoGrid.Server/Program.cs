using GeoGrid.Server.Hosting;

var app = GeoGridApp.Build(args);
await app.RunAsync().ConfigureAwait(false);

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
