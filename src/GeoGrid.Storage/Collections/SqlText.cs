namespace GeoGrid.Storage.Collections;

/// <summary>The one place that quotes identifiers and literals taken from the catalog (never from requests).</summary>
public static class SqlText
{
    public static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
