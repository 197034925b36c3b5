using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace YotiIdv.Emulator;

/// <summary>
/// The active faults (thread-safe copy-on-write array) and how a fault turns into a response. Which fault applies at
/// which step of a request is decided by <see cref="EmulatorPipeline"/>; the order is documented on <see cref="YotiIdvFault"/>.
/// </summary>
internal sealed class EmulatorFaults
{
    private static readonly byte[] MalformedHtml = Encoding.UTF8.GetBytes("<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>");

    private readonly object _lock = new object();
    private readonly Random _random;
    private readonly YotiIdvEmulatorStats _stats;
    private volatile YotiIdvFault[] _faults = Array.Empty<YotiIdvFault>();

    public EmulatorFaults(Random random, YotiIdvEmulatorStats stats)
    {
        _random = random;
        _stats = stats;
    }

    public IReadOnlyList<YotiIdvFault> Active => _faults;

    public void Add(YotiIdvFault fault)
    {
        lock (_lock)
        {
            if (Array.IndexOf(_faults, fault) >= 0)
            {
                throw new InvalidOperationException("This fault is already active.");
            }

            fault.Activate(_random);
            var copy = new YotiIdvFault[_faults.Length + 1];
            _faults.CopyTo(copy, 0);
            copy[copy.Length - 1] = fault;
            _faults = copy;
        }
    }

    public bool Remove(YotiIdvFault fault)
    {
        lock (_lock)
        {
            var list = new List<YotiIdvFault>(_faults);
            bool removed = list.Remove(fault);
            _faults = list.ToArray();
            return removed;
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _faults = Array.Empty<YotiIdvFault>();
        }
    }

    /// <summary>First active fault of the given kind(s) that matches and applies (its count is consumed).</summary>
    public YotiIdvFault? Take(YotiIdvFaultKind kind, YotiIdvFaultKind? otherKind, string method, string path)
    {
        foreach (YotiIdvFault fault in _faults)
        {
            if ((fault.Kind == kind || fault.Kind == otherKind) && fault.Matches(method, path) && fault.TryApply())
            {
                _stats.CountFault();
                return fault;
            }
        }

        return null;
    }

    /// <summary>The response of a <see cref="YotiIdvFaultKind.Status"/> or <see cref="YotiIdvFaultKind.MalformedBody"/> fault.</summary>
    public static EmulatorHttpResponse BuildResponse(YotiIdvFault fault)
    {
        if (fault.Kind == YotiIdvFaultKind.MalformedBody)
        {
            byte[] body = fault.Body is null ? MalformedHtml : Encoding.UTF8.GetBytes(fault.Body);
            return new EmulatorHttpResponse(200, body, fault.ContentType ?? EmulatorHttpResponse.JsonContentType);
        }

        byte[] statusBody = fault.Body is null
            ? EmulatorHttpResponse.ErrorBody(YotiIdvEmulatorErrorCodes.InjectedFault, "Fault injected by the emulator (HTTP " + fault.StatusCode.ToString(CultureInfo.InvariantCulture) + ").")
            : Encoding.UTF8.GetBytes(fault.Body);
        var response = new EmulatorHttpResponse(fault.StatusCode, statusBody, fault.ContentType ?? EmulatorHttpResponse.JsonContentType);
        if (fault.RetryAfterSeconds != null)
        {
            response.Headers.Add(new KeyValuePair<string, string>("Retry-After", fault.RetryAfterSeconds.Value.ToString(CultureInfo.InvariantCulture)));
        }

        return response;
    }
}
