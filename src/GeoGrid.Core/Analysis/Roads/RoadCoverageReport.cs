using NetTopologySuite.Geometries;

namespace GeoGrid.Core.Analysis.Roads;

/// <summary>The share of road length under a chief in one district or street (街道/乡镇).</summary>
public sealed record RoadShare(string Level, string Code, double LengthMetres, double UnderChiefMetres, int Segments, int WithoutChief)
{
    public double Share => LengthMetres > 0 ? UnderChiefMetres / LengthMetres : 1;
}

public enum RoadProblemKind
{
    NoChief,
    Gap,
    Overlap,
    DutyUnitFar,
}

/// <summary>A road-coverage problem: where (lon/lat), how big (m), and the segments or units involved.</summary>
public sealed record RoadProblem(RoadProblemKind Kind, Geometry Geometry, double Metres, string Road, IReadOnlyList<string> Involved);

public sealed record RoadCoverageReport(IReadOnlyList<RoadShare> Shares, IReadOnlyList<RoadProblem> Problems);
