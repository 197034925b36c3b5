using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using YotiIdv.Model;

namespace YotiIdv.Tests.Model;

/// <summary>Locates and parses the shared fixtures (tests/fixtures under the repo root holding YotiIdv.sln).</summary>
internal static class ModelFixtures
{
    private static readonly Lazy<string> Dir = new Lazy<string>(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "YotiIdv.sln")))
            {
                return Path.Combine(dir.FullName, "tests", "fixtures");
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (YotiIdv.sln) above " + AppContext.BaseDirectory);
    });

    public static string Path_(string name) => Path.Combine(Dir.Value, name);

    public static string Text(string name) => File.ReadAllText(Path_(name));

    public static YotiSession Load(string name) => SessionParser.Parse(Text(name));

    /// <summary>Every session-result fixture.</summary>
    public static IEnumerable<string> SessionFiles() =>
        Directory.GetFiles(Dir.Value, "*.json")
            .Select(Path.GetFileName)
            .Where(n => n!.StartsWith("session-", StringComparison.Ordinal) || n == "seed-example-session.json")
            .Select(n => n!)
            .OrderBy(n => n, StringComparer.Ordinal);

    public static IEnumerable<object[]> SessionFileData() => SessionFiles().Select(n => new object[] { n });

    /// <summary>
    /// Visits every public property value reachable from <paramref name="root"/> (model objects, lists,
    /// dictionaries), calling <paramref name="visit"/> with the declaring property and the value.
    /// </summary>
    public static void Walk(object root, Action<PropertyInfo, object?> visit)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);

        void Visit(object? value)
        {
            if (value is null || value is string || value.GetType().IsValueType || !seen.Add(value))
            {
                return;
            }

            if (value is IDictionary dict)
            {
                foreach (DictionaryEntry entry in dict)
                {
                    Visit(entry.Value);
                }

                return;
            }

            if (value is IEnumerable items)
            {
                foreach (var item in items)
                {
                    Visit(item);
                }

                return;
            }

            foreach (var p in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (p.GetIndexParameters().Length > 0)
                {
                    continue;
                }

                object? v = p.GetValue(value);
                visit(p, v);
                Visit(v);
            }
        }

        Visit(root);
    }

    /// <summary>Every string reachable through public properties (including dictionary keys/values and list items).</summary>
    public static List<string> AllStrings(object root)
    {
        var strings = new List<string>();
        Walk(root, (p, v) =>
        {
            switch (v)
            {
                case string s:
                    strings.Add(s);
                    break;
                case IEnumerable<string> list:
                    strings.AddRange(list);
                    break;
                case IReadOnlyDictionary<string, string> d:
                    strings.AddRange(d.Keys);
                    strings.AddRange(d.Values);
                    break;
            }
        });
        return strings;
    }
}
