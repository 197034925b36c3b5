using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;

namespace YotiIdv.Model;

/// <summary>
/// The read-only list behind every list property of the model. It behaves like any
/// <see cref="IReadOnlyList{T}"/> (PowerShell enumerates it, <c>ConvertTo-Json</c> writes an array),
/// and its <see cref="ToString"/> joins the items' own text with <c>"; "</c>, so <c>Export-Csv</c>
/// writes <c>ID_DOCUMENT_AUTHENTICITY; LIVENESS</c>-style cells instead of a .NET type name.
/// </summary>
public sealed class YotiReadOnlyList<T> : ReadOnlyCollection<T>
{
    /// <summary>The separator used by <see cref="ToString"/>.</summary>
    internal const string Separator = "; ";

    internal YotiReadOnlyList(IList<T> items)
        : base(items)
    {
    }

    /// <summary>An empty list (shared).</summary>
    internal static YotiReadOnlyList<T> Empty { get; } = new YotiReadOnlyList<T>(Array.Empty<T>());

    /// <summary>The items' text joined with <c>"; "</c>; empty when the list is empty.</summary>
    public override string ToString() => ConsoleText.Escape(string.Join(Separator, this.Select(i => i?.ToString() ?? string.Empty)))!;
}

/// <summary>
/// The read-only string map behind the model's tag properties; its <see cref="ToString"/> is
/// <c>name=value</c> pairs joined with <c>"; "</c>, a readable CSV cell.
/// </summary>
public sealed class YotiReadOnlyDictionary : ReadOnlyDictionary<string, string>
{
    internal YotiReadOnlyDictionary(IDictionary<string, string> items)
        : base(items)
    {
    }

    public override string ToString() => ConsoleText.Escape(string.Join(YotiReadOnlyList<string>.Separator, this.Select(p => p.Key + "=" + p.Value)))!;
}

internal static class YotiReadOnlyListExtensions
{
    /// <summary>The items as a model list, whose text in a CSV cell is readable.</summary>
    public static YotiReadOnlyList<T> ToYotiList<T>(this IEnumerable<T> items) => new YotiReadOnlyList<T>(items.ToList());
}
