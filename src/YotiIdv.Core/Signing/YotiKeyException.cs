using System;

namespace YotiIdv.Signing;

/// <summary>What is wrong with a key that cannot be used.</summary>
public enum YotiKeyProblem
{
    /// <summary>The text holds no PEM block at all.</summary>
    NoPemBlock,
    /// <summary>The key is protected by a password; YotiIdv needs an unencrypted key.</summary>
    Encrypted,
    /// <summary>The PEM armour or the DER inside it cannot be read.</summary>
    Malformed,
    /// <summary>The key is not an RSA key (EC, DSA, Ed25519 ...).</summary>
    NotRsa,
    /// <summary>A private key was needed but the text holds a public key or certificate.</summary>
    NotPrivateKey,
    /// <summary>The key file does not exist or cannot be opened.</summary>
    FileUnreadable,
    /// <summary>The key path is a directory, FIFO, device or socket (reading it could block or never end).</summary>
    NotARegularFile,
    /// <summary>The key file is larger than any key (1 MiB).</summary>
    FileTooLarge,
}

/// <summary>
/// A key could not be read. The message names the problem and the PEM label, never any key material.
/// </summary>
public sealed class YotiKeyException : Exception
{
    public YotiKeyException(YotiKeyProblem problem, string message)
        : base(message)
    {
        Problem = problem;
    }

    public YotiKeyException(YotiKeyProblem problem, string message, Exception inner)
        : base(message, inner)
    {
        Problem = problem;
    }

    public YotiKeyProblem Problem { get; }
}
