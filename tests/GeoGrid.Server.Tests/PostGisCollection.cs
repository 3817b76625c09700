using GeoGrid.Testing;

namespace GeoGrid.Server.Tests;

/// <summary>The tests of this assembly that share one throw-away PostGIS cluster (xunit wants the
/// definition in the test assembly itself).</summary>
[CollectionDefinition(Name)]
public sealed class PostGisCollection : ICollectionFixture<PostGisFixture>
{
    public const string Name = "PostGIS";
}
