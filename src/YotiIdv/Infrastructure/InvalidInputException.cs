using System;

namespace YotiIdv.Infrastructure;

/// <summary>An input refused before any request (a malformed id); carries the error id its record gets.</summary>
internal sealed class InvalidInputException : ArgumentException
{
    public InvalidInputException(string errorId, string what, string reason)
        : base(reason)
    {
        ErrorId = errorId;
        What = what;
    }

    public string ErrorId { get; }

    /// <summary>What the input is, for the message: "Session id", "Media id".</summary>
    public string What { get; }
}
