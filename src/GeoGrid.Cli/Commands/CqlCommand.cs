using System.CommandLine;
using GeoGrid.Storage.Collections;
using GeoGrid.Storage.Collections.Cql;

namespace GeoGrid.Cli.Commands;

/// <summary>
/// <c>geogrid cql FILTER|PATH… [--collection ID]</c>: reads CQL2 filters — typed on the command line, or
/// files (<c>.txt</c> text, <c>.json</c> JSON) and folders of them — and prints each in GeoGrid's
/// canonical text; with a collection, the SQL it becomes. A text and a JSON file of the same name (the
/// layout of the standard's examples: <c>text/x.txt</c>, <c>json/x.json</c>) must give the same tree.
/// Exit 1 when any filter is refused or any pair differs, so a folder of examples is a conformance check.
/// </summary>
public static class CqlCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("filter-or-path") { Description = "a CQL2 filter (text, or JSON starting with '{'), or files and folders of .txt/.json filters", Arity = ArgumentArity.OneOrMore };
        var collection = new Option<string?>("--collection") { Description = "translate into the SQL of this collection (e.g. sites)" };
        var quiet = new Option<bool>("--quiet") { Description = "print only refusals, differences and the summary" };
        var command = new Command("cql", "Parse CQL2 filters, show them canonically (and as SQL), and check text/JSON pairs agree") { inputs, collection, quiet };
        command.SetAction(parse =>
        {
            Collection? target = null;
            if (parse.GetValue(collection) is { } id && (target = CollectionCatalog.Find(id)) is null)
            {
                Console.Error.WriteLine($"geogrid cql: no collection '{id}'");
                return 1;
            }

            var summary = Check(parse.GetValue(inputs)!, target, parse.GetValue(quiet), Console.Out);
            Console.Out.WriteLine(summary);
            return summary.Ok ? 0 : 1;
        });
        return command;
    }

    public sealed record Summary(int Parsed, int Refused, int Agree, int Differ)
    {
        public bool Ok => Refused == 0 && Differ == 0;

        public override string ToString() => $"{Parsed} parsed, {Refused} refused; {Agree} text/JSON pairs agree, {Differ} differ";
    }

    /// <summary>Parses every input, writes what it found to <paramref name="output"/> and counts.</summary>
    public static Summary Check(IEnumerable<string> inputs, Collection? collection, bool quiet, TextWriter output)
    {
        int parsed = 0, refused = 0, agree = 0, differ = 0;
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var jsons = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, content, json, fromFile) in Filters(inputs))
        {
            if (content is null)
            {
                refused++;
                output.WriteLine($"{name}: REFUSED no such file or folder");
                continue;
            }

            try
            {
                var node = json ? CqlJson.Parse(content) : CqlText.Parse(content);
                var canonical = CqlWriter.Write(node);
                parsed++;
                if (fromFile)
                {
                    // Only files pair up, by name: filters typed on the command line stand alone.
                    (json ? jsons : texts)[Path.GetFileNameWithoutExtension(name)] = canonical;
                }

                if (!quiet)
                {
                    output.WriteLine($"{name}: {canonical}");
                }

                if (collection is not null)
                {
                    try
                    {
                        var sql = CqlSql.Translate(node, collection, []);
                        if (!quiet)
                        {
                            output.WriteLine($"  SQL: {sql}");
                        }
                    }
                    catch (CqlException e)
                    {
                        // Parsed, but not a filter of this collection (a property it lacks, a function).
                        output.WriteLine($"  not for {collection.Id}: {e.Message}");
                    }
                }
            }
            catch (CqlException e)
            {
                refused++;
                output.WriteLine($"{name}: REFUSED {e.Message}");
            }
        }

        foreach (var (stem, text) in texts.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (jsons.TryGetValue(stem, out var fromJson))
            {
                if (fromJson == text)
                {
                    agree++;
                }
                else
                {
                    differ++;
                    output.WriteLine($"{stem}: text and JSON DIFFER\n  text: {text}\n  json: {fromJson}");
                }
            }
        }

        return new Summary(parsed, refused, agree, differ);
    }

    /// <summary>Each filter with the name it is reported by: files as their path, folders walked in order
    /// (files of other kinds skipped), anything else a filter typed on the command line — except a name
    /// ending in .txt or .json that is not there, which is a missing file (null content), not a filter.</summary>
    private static IEnumerable<(string Name, string? Content, bool Json, bool FromFile)> Filters(IEnumerable<string> inputs)
    {
        static bool Json(string path) => Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase);
        static bool FilterFile(string path) => Json(path) || Path.GetExtension(path).Equals(".txt", StringComparison.OrdinalIgnoreCase);

        foreach (var input in inputs)
        {
            if (Directory.Exists(input))
            {
                foreach (var file in Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories).Where(FilterFile).Order(StringComparer.Ordinal))
                {
                    yield return (file, File.ReadAllText(file), Json(file), true);
                }
            }
            else if (File.Exists(input) || FilterFile(input))
            {
                yield return (input, File.Exists(input) ? File.ReadAllText(input) : null, Json(input), true);
            }
            else
            {
                yield return ("filter", input, input.TrimStart().StartsWith('{'), false);
            }
        }
    }
}
