using System;
using YotiIdv.Http;

namespace YotiIdv.Infrastructure;

/// <summary>
/// The connection set by Connect-YotiIdv, for the whole process (so ForEach-Object -Parallel runspaces share it),
/// and a cache of the connection read from the environment variables so a key file is parsed once.
/// </summary>
internal static class ConnectionStore
{
    private static readonly object Gate = new object();
    private static YotiConnection? _current;
    private static YotiConnection? _fromEnvironment;
    private static string? _environmentFingerprint;

    public static YotiConnection? Current
    {
        get
        {
            lock (Gate)
            {
                return _current;
            }
        }
    }

    public static void Set(YotiConnection connection)
    {
        lock (Gate)
        {
            _current = connection;
        }
    }

    /// <summary>Forgets the current connection. The old one is not disposed: a running command may still use it.</summary>
    public static YotiConnection? Clear()
    {
        lock (Gate)
        {
            YotiConnection? old = _current;
            _current = null;
            _fromEnvironment = null;
            _environmentFingerprint = null;
            return old;
        }
    }

    /// <summary>The connection from YOTI_CLIENT_SDK_ID/YOTI_KEY_FILE_PATH/YOTI_IDV_API_URL, re-read when they change.</summary>
    public static YotiConnection? FromEnvironment(Func<string, string> resolvePath)
    {
        string? keyFile = Environment.GetEnvironmentVariable(YotiConnection.KeyFileVariable);
        string fingerprint = string.Join("\n",
            Environment.GetEnvironmentVariable(YotiConnection.SdkIdVariable),
            string.IsNullOrWhiteSpace(keyFile) ? null : resolvePath(keyFile!),
            YotiConnection.ApiUrlFromEnvironment());
        lock (Gate)
        {
            if (_fromEnvironment != null && fingerprint == _environmentFingerprint)
            {
                return _fromEnvironment;
            }

            _fromEnvironment = YotiConnection.FromEnvironment(resolvePath);
            _environmentFingerprint = fingerprint;
            return _fromEnvironment;
        }
    }
}
