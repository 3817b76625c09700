namespace GeoGrid.Core.Demo;

/// <summary>An official code and name with the code of its parent area.</summary>
public sealed record NamedCode(string Code, string Name, string ParentCode);
