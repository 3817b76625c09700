using System.Diagnostics;
using System.Globalization;
using GeoGrid.Core.Analysis.Hotspots;
using NetTopologySuite.Geometries;

namespace GeoGrid.Bench;

/// <summary>
/// Gi* on N hexagonal cells (fixed distance band = the smallest that gives every cell a neighbour),
/// GeoGrid in-process against R spdep (dnearneigh + localG) on the same cells, numbers compared.
/// </summary>
internal static class GiStarBench
{
    public static async Task<Dictionary<string, object>> RunAsync(int cells, string work)
    {
        Directory.CreateDirectory(work);
        var random = new Random(42);
        var side = (int)Math.Ceiling(Math.Sqrt(cells));
        var xy = new List<Coordinate>(cells);
        for (var k = 0; k < cells; k++)
        {
            var (row, column) = (k / side, k % side);
            xy.Add(new Coordinate(Synthetic.Origin.X + (200.0 * (column + (0.5 * (row & 1)))), Synthetic.Origin.Y + (200.0 * Math.Sqrt(3) / 2 * row)));
        }

        // Counts that cluster: a few smooth bumps plus noise.
        var bumps = Enumerable.Range(0, 8).Select(_ => xy[random.Next(cells)]).ToArray();
        var values = xy.Select(p => Math.Round(bumps.Sum(b => 20 * Math.Exp(-p.Distance(b) / 1500)) + (random.NextDouble() * 4))).ToArray();

        // One untimed run warms the JIT and the thread pool (R's side is byte-compiled already), then
        // weights and Gi* are timed as an analyst's run would do them.
        GetisOrd.GiStar(values, SpatialWeights.DistanceBand(xy, SpatialWeights.SmallestBand(xy) * 1.5));
        var clock = Stopwatch.StartNew();
        var band = SpatialWeights.SmallestBand(xy);
        // On the lattice the smallest band is the spacing; the bench uses 1.5 spacings (six neighbours),
        // clear of the ties at the spacing that R and .NET may break differently in the last bit.
        band *= 1.5;
        var weights = SpatialWeights.DistanceBand(xy, band);
        var weightsSeconds = clock.Elapsed.TotalSeconds;
        var ours = GetisOrd.GiStar(values, weights);
        var totalSeconds = clock.Elapsed.TotalSeconds;

        var input = Path.Combine(work, $"cells-{cells}.csv");
        var output = Path.Combine(work, $"spdep-{cells}.csv");
        await File.WriteAllLinesAsync(input, ["x,y,v", .. xy.Select((p, i) => string.Create(CultureInfo.InvariantCulture, $"{p.X:R},{p.Y:R},{values[i]:R}"))]);
        var script = Path.Combine(AppContext.BaseDirectory, "gistar.R");
        var timing = (await RunAsync("Rscript", script, input, band.ToString("R", CultureInfo.InvariantCulture), output)).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var reference = (await File.ReadAllLinesAsync(output)).Skip(1).Select(l => l.Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        var maxZ = reference.Select((r, i) => Math.Abs(r[0] - ours.Z[i])).Max();
        var maxP = reference.Select((r, i) => Math.Abs(r[1] - ours.P[i])).Max();
        return new()
        {
            ["bench"] = "gistar",
            ["cells"] = cells,
            ["band_m"] = Math.Round(band, 3),
            ["mean_neighbours"] = Math.Round(weights.MeanNeighbourCount, 2),
            ["geogrid_weights_s"] = Math.Round(weightsSeconds, 4),
            ["geogrid_total_s"] = Math.Round(totalSeconds, 4),
            ["spdep_weights_s"] = timing[0],
            ["spdep_localG_s"] = timing[1],
            ["spdep_total_s"] = Math.Round(timing[0] + timing[1], 3),
            ["ratio"] = Math.Round((timing[0] + timing[1]) / totalSeconds, 1),
            ["max_abs_z_difference"] = maxZ,
            ["max_abs_p_difference"] = maxP,
        };
    }

    private static async Task<string> RunAsync(string tool, params string[] args)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        args.ToList().ForEach(info.ArgumentList.Add);
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{tool} failed: {errors}");
    }
}
