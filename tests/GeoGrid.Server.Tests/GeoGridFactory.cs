using GeoGrid.Server.Hosting;
using GeoGrid.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GeoGrid.Server.Tests;

/// <summary>The real app over the fixture's PostGIS database.</summary>
public sealed class GeoGridFactory(PostGisFixture db) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.UseSetting(GeoGridApp.ConnectionStringKey, db.ConnectionString);
}
