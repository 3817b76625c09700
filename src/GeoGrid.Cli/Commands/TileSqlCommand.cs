using System.CommandLine;
using GeoGrid.Storage.Tiles;

namespace GeoGrid.Cli.Commands;

/// <summary><c>geogrid tile-sql TILESET</c>: prints the SQL GeoGrid renders a tileset's MVT with ($1 = z,
/// $2 = x, $3 = y), so benchmarks can run the very same query directly with pgbench.</summary>
public static class TileSqlCommand
{
    public static Command Create()
    {
        var tileset = new Argument<string>("tileset") { Description = $"one of {string.Join(", ", TileCatalog.Tilesets)}" };
        var command = new Command("tile-sql", "Print the SQL that renders a vector tile of a tileset") { tileset };
        command.SetAction(parse =>
        {
            if (TileCatalog.Find(parse.GetValue(tileset)!) is not { } layers)
            {
                Console.Error.WriteLine($"geogrid tile-sql: no tileset '{parse.GetValue(tileset)}'; use one of {string.Join(", ", TileCatalog.Tilesets)}");
                return 1;
            }

            Console.WriteLine(TileQuery.Build(layers));
            return 0;
        });
        return command;
    }
}
