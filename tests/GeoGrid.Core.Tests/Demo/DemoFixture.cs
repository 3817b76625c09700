using GeoGrid.Core.Demo;
using GeoGrid.Formats;

namespace GeoGrid.Core.Tests.Demo;

/// <summary>Builds the demo dataset once for all tests that inspect it.</summary>
public sealed class DemoFixture
{
    public DemoSources Sources { get; } = DemoSourceReader.Read(GeoGrid.Testing.RepoPaths.Data);

    public DemoDataset Dataset { get; }

    public DemoFixture() => Dataset = ZhengzhouDemo.Build(Sources);
}
