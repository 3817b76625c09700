using GeoGrid.Bench;

// One benchmark per run, its figures as one JSON object on standard output (bench/analyses.sh
// collects them into docs/BENCHMARKS.md). Usage: GeoGrid.Bench <name> [args].
var result = args.FirstOrDefault() switch
{
    "coverage" => await CoverageBench.RunAsync(int.Parse(args[1]), args[2]),
    "gistar" => await GiStarBench.RunAsync(int.Parse(args[1]), args[2]),
    "assign" => await AssignBench.RunAsync(int.Parse(args[1]), int.Parse(args[2]), args[3]),
    "responsibility" => await ResponsibilityBench.RunAsync(args[1], int.Parse(args[2]), args[3]),
    "plans" => await PlanBench.RunAsync(int.Parse(args[1]), args[2]),
    "raster" => await RasterBench.RunAsync(args[1], int.Parse(args[2]), args[3]),
    "first-render" => await FirstRenderBench.RunAsync(args[1], int.Parse(args[2])),
    _ => throw new ArgumentException("usage: GeoGrid.Bench coverage N CONNECTION | gistar N WORKDIR | assign POINTS GRIDS CONNECTION | responsibility URL N CONNECTION | plans CHILDREN CONNECTION | raster LAYER ROUNDS CONNECTION | first-render URL RUNS"),
};
Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(result));
