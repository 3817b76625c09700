using NetTopologySuite.Geometries;

namespace GeoGrid.Storage.Collections;

/// <summary>
/// A parsed, validated items request of OGC API – Features. Coordinates of <see cref="Bbox"/> are in
/// <see cref="BboxSrid"/>, x = longitude/easting; output geometries are in <see cref="OutputSrid"/>,
/// with latitude first when <see cref="LatitudeFirst"/> (EPSG:4326/4490 by URI, per Part 2).
/// <see cref="Filters"/> are property filters (<c>?status=closed</c>), <see cref="SortBy"/> the
/// <c>sortby</c> order before the id, <see cref="Select"/> the <c>properties</c> to return (all when null),
/// <see cref="Filter"/> a CQL2 filter whose geometry literals are in <see cref="FilterSrid"/>;
/// <see cref="AsOf"/> reads a collection with history (grids) as it was at that instant.
/// </summary>
public sealed record ItemsRequest(
    Collection Collection,
    Envelope? Bbox = null,
    int BboxSrid = 4326,
    int OutputSrid = 4326,
    bool LatitudeFirst = false,
    int Limit = 10,
    int Offset = 0,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? FeatureId = null,
    IReadOnlyList<(CollectionProperty Property, string Value)>? Filters = null,
    IReadOnlyList<(CollectionProperty Property, bool Descending)>? SortBy = null,
    IReadOnlyList<CollectionProperty>? Select = null,
    Cql.CqlNode? Filter = null,
    int FilterSrid = 4326,
    DateTimeOffset? AsOf = null);
