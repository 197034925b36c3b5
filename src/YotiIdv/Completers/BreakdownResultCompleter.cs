using YotiIdv.Model;

namespace YotiIdv.Completers;

/// <summary>Completes breakdown results (<see cref="YotiBreakdownResults"/>).</summary>
public sealed class BreakdownResultCompleter : KnownValueCompleter
{
    public BreakdownResultCompleter()
        : base(YotiBreakdownResults.All)
    {
    }
}
