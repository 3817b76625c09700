namespace GeoGrid.Core.Domain;

/// <summary>Yellow River floodplain zone under 三滩分治, from the channel outwards.</summary>
public enum FloodplainZoneKind
{
    /// <summary>嫩滩: lowest, next to the channel, strictest rules.</summary>
    Nentan,

    /// <summary>二滩</summary>
    Ertan,

    /// <summary>高滩: highest.</summary>
    Gaotan,
}
