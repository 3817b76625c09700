namespace GeoGrid.Core.Demo;

/// <summary>Random streams derived from the dataset seed and a key, so that each part of the demo
/// (a town's villages, a road's shops) stays the same when another part changes.</summary>
internal static class StableRandom
{
    public static Random For(int seed, string key)
    {
        // FNV-1a: string.GetHashCode is randomised per process, which would break determinism.
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return new Random(unchecked((int)hash ^ seed));
    }

    public static double Gaussian(this Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public static DateTimeOffset Between(this Random random, DateTimeOffset from, DateTimeOffset to) =>
        from + TimeSpan.FromSeconds(Math.Floor(random.NextDouble() * (to - from).TotalSeconds));
}
