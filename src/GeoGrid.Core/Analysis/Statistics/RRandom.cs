namespace GeoGrid.Core.Analysis.Statistics;

/// <summary>
/// R's default generator (Mersenne-Twister, with R's <c>set.seed</c> scrambling) and its default
/// <c>sample()</c> ("Rejection" since R 3.6). Permutation inference that an analyst must be able to
/// reproduce in R (<c>spdep::localG_perm(..., iseed = seed)</c>) has to draw exactly the same numbers,
/// so this follows R's <c>RNG.c</c> step by step rather than using <see cref="Random"/>.
/// </summary>
public sealed class RRandom
{
    private const int N = 624;
    private const int M = 397;
    private const uint MatrixA = 0x9908b0df;
    private const uint UpperMask = 0x80000000;
    private const uint LowerMask = 0x7fffffff;
    private const double TwoToMinus32Minus1 = 2.328306437080797e-10;

    private readonly uint[] _mt = new uint[N];
    private int _mti;

    /// <summary>The state R is in right after <c>set.seed(seed)</c>.</summary>
    public RRandom(int seed)
    {
        var s = unchecked((uint)seed);
        for (var j = 0; j < 50; j++)
        {
            s = unchecked((69069 * s) + 1);
        }

        // R fills 625 seeds: the first is the position, which FixupSeeds then sets to N.
        s = unchecked((69069 * s) + 1);
        for (var j = 0; j < N; j++)
        {
            s = unchecked((69069 * s) + 1);
            _mt[j] = s;
        }

        _mti = N;
    }

    /// <summary><c>unif_rand()</c>: uniform on the open interval (0, 1).</summary>
    public double NextUniform()
    {
        var value = NextWord() * 2.3283064365386963e-10;
        if (value <= 0.0)
        {
            return 0.5 * TwoToMinus32Minus1;
        }

        return 1.0 - value <= 0.0 ? 1.0 - (0.5 * TwoToMinus32Minus1) : value;
    }

    /// <summary><c>R_unif_index(n)</c>: a uniform integer in [0, n) by rejection from the next power of two.</summary>
    public int NextIndex(int n)
    {
        if (n <= 0)
        {
            return 0;
        }

        var bits = (int)Math.Ceiling(Math.Log2(n));
        double dv;
        do
        {
            long v = 0;
            for (var k = 0; k <= bits; k += 16)
            {
                v = (65536 * v) + (int)Math.Floor(NextUniform() * 65536);
            }

            dv = v & ((1L << bits) - 1);
        }
        while (n <= dv);

        return (int)dv;
    }

    private uint NextWord()
    {
        if (_mti >= N)
        {
            int kk;
            uint y;
            for (kk = 0; kk < N - M; kk++)
            {
                y = (_mt[kk] & UpperMask) | (_mt[kk + 1] & LowerMask);
                _mt[kk] = _mt[kk + M] ^ (y >> 1) ^ ((y & 1) * MatrixA);
            }

            for (; kk < N - 1; kk++)
            {
                y = (_mt[kk] & UpperMask) | (_mt[kk + 1] & LowerMask);
                _mt[kk] = _mt[kk + (M - N)] ^ (y >> 1) ^ ((y & 1) * MatrixA);
            }

            y = (_mt[N - 1] & UpperMask) | (_mt[0] & LowerMask);
            _mt[N - 1] = _mt[M - 1] ^ (y >> 1) ^ ((y & 1) * MatrixA);
            _mti = 0;
        }

        var w = _mt[_mti++];
        w ^= w >> 11;
        w ^= (w << 7) & 0x9d2c5680;
        w ^= (w << 15) & 0xefc60000;
        w ^= w >> 18;
        return w;
    }
}
