using YotiIdv.Model;

namespace YotiIdv.Completers;

/// <summary>Completes check types (<see cref="YotiCheckTypes"/>).</summary>
public sealed class CheckTypeCompleter : KnownValueCompleter
{
    public CheckTypeCompleter()
        : base(YotiCheckTypes.All)
    {
    }
}
