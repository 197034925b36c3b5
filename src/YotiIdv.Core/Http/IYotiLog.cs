namespace YotiIdv.Http;

/// <summary>
/// Receives trace lines from the client. Called from any thread; the cmdlets queue the lines and write
/// them from the pipeline thread. Lines are already redacted.
/// </summary>
public interface IYotiLog
{
    void Verbose(string message);

    void Debug(string message);
}
