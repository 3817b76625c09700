using System.Globalization;
using NetTopologySuite.Geometries;

namespace GeoGrid.Core.Analysis.Runs;

/// <summary>
/// How much work one run may do, counted in elementary steps (a distance compared, a kernel cell
/// added, a permutation draw). Each analysis estimates its steps from its input and parameters before
/// it starts and refuses, naming the parameter that drives the cost, what exceeds the budget — so that
/// <c>eps=1000000</c> is a 400, not a server grown past 6 GB. A request answered at once has a small
/// budget; a job a larger one; the CLI on an analyst's own file none.
/// </summary>
public sealed record WorkBudget(double MaxSteps, string? Advice = null, bool Probe = false)
{
    /// <summary>Thrown by a probing budget once a run has passed its checks: the work would be accepted.</summary>
    public sealed class Accepted() : Exception("the run passed its checks");

    /// <summary>The same budget, but a run stops (with <see cref="Accepted"/>) right after its checks pass:
    /// a job is submitted only when its parameters are known to hold.</summary>
    public WorkBudget AsProbe() => this with { Probe = true };

    /// <summary>About ten seconds of work on one core: what a request may wait for.</summary>
    public static readonly WorkBudget Request = new(2e9, "run it as a job (POST /analyses/NAME/jobs), or");

    /// <summary>About a few minutes on one core: what a background job may take.</summary>
    public static readonly WorkBudget Job = new(5e10);

    public static readonly WorkBudget Unlimited = new(double.PositiveInfinity);

    /// <summary>Refuses, naming <paramref name="parameter"/>, when <paramref name="steps"/> exceed the budget.</summary>
    public void Check(string parameter, double steps, string what)
    {
        if (double.IsPositiveInfinity(steps) || double.IsNaN(steps))
        {
            throw new AnalysisParameterException(parameter, $"{what} would need more memory than any run may take; choose a smaller {parameter}");
        }

        if (steps > MaxSteps)
        {
            throw new AnalysisParameterException(parameter,
                string.Create(CultureInfo.InvariantCulture, $"{what} would take about {steps:0.#e0} steps, more than the {MaxSteps:0.#e0} allowed here; {Advice ?? string.Empty} choose a smaller {parameter}").Replace("  ", " ", StringComparison.Ordinal));
        }

        if (Probe)
        {
            throw new Accepted();
        }
    }

    /// <summary>
    /// About how many ordered pairs of points lie within <paramref name="distance"/> of each other, from
    /// counts in cells of that size (each point against its 3×3 block): O(n), and exact in the limit that
    /// matters here, a distance so large that everything is one cell (n²).
    /// </summary>
    public static double PairsWithin(IReadOnlyList<Coordinate> points, double distance)
    {
        if (points.Count == 0 || !(distance > 0))
        {
            return points.Count;
        }

        var cells = new Dictionary<(long, long), int>();
        foreach (var p in points)
        {
            var key = ((long)Math.Floor(p.X / distance), (long)Math.Floor(p.Y / distance));
            cells[key] = cells.GetValueOrDefault(key) + 1;
        }

        double pairs = 0;
        foreach (var ((cx, cy), count) in cells)
        {
            var block = 0;
            for (var dx = -1; dx <= 1; dx++)
            {
                for (var dy = -1; dy <= 1; dy++)
                {
                    block += cells.GetValueOrDefault((cx + dx, cy + dy));
                }
            }

            // Of the 3×3 block's points about π/9 lie within the distance of a point in the middle cell.
            pairs += count * (double)Math.Max(count, block * Math.PI / 9);
        }

        return pairs;
    }
}
