using System;

namespace YotiIdv;

/// <summary>
/// Thrown when a response body cannot be read as the expected JSON (malformed, truncated, or the wrong
/// kind of top-level value). The message describes the problem but never contains the body itself,
/// because session results hold personal data.
/// </summary>
public class YotiInvalidDataException : Exception
{
    public YotiInvalidDataException() : base("The response is not valid data.") { }

    public YotiInvalidDataException(string message) : base(message) { }

    public YotiInvalidDataException(string message, Exception innerException) : base(message, innerException) { }
}
