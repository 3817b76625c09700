namespace GeoGrid.Core.Analysis.Runs;

public enum ParameterKind
{
    Text,
    Number,
    Integer,
    Boolean,
    Choice,

    /// <summary>A projected CRS, in which distances are metres.</summary>
    ProjectedCrs,
}
