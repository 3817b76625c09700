namespace GeoGrid.Core.Coverage;

/// <summary>What breaks "横向到边、纵向到底" in a set of grids.</summary>
public enum CoverageProblemKind
{
    /// <summary>Part of the parent no child covers (横向未到边).</summary>
    Gap,

    /// <summary>Area two children both claim.</summary>
    Overlap,

    /// <summary>Part of a child outside its parent.</summary>
    OutsideParent,

    /// <summary>A child smaller than the sliver area.</summary>
    Sliver,

    /// <summary>A child whose geometry is not valid.</summary>
    InvalidGeometry,

    /// <summary>A child in more than one piece.</summary>
    MultiPart,

    /// <summary>A grid nobody is assigned to (纵向未到底).</summary>
    NoWorker,
}
