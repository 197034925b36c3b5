using System;
using System.Collections.Generic;

namespace YotiIdv.Emulator.Routes;

/// <summary>The dispatcher: finds the route whose method and template match a request path.</summary>
internal sealed class EmulatorRouter
{
    private readonly List<EmulatorRoute> _routes;

    public EmulatorRouter(IEnumerable<EmulatorRoute> routes)
    {
        _routes = new List<EmulatorRoute>(routes);
    }

    public IReadOnlyList<EmulatorRoute> Routes => _routes;

    /// <summary>Every endpoint the emulator serves (spec section 3). Add new routes here.</summary>
    public static EmulatorRouter CreateDefault() => new EmulatorRouter(new EmulatorRoute[]
    {
        new GetSessionRoute(),
        new DeleteSessionRoute(),
        new GetMediaContentRoute(),
        new DeleteMediaContentRoute(),
        new GetSessionConfigurationRoute(),
        new GetTrackedDevicesRoute(),
        new DeleteTrackedDevicesRoute(),
        new GetSupportedDocumentsRoute(),
        new KeySetRoute(),
    });

    /// <summary>The matching route and its <c>{name}</c> values, or null (the caller answers 404 NOT_FOUND).</summary>
    public EmulatorRoute? Match(string method, string path, out Dictionary<string, string> values)
    {
        string wanted = method == "HEAD" ? "GET" : method;
        string[] segments = path.Split('/');
        foreach (EmulatorRoute route in _routes)
        {
            if (route.Method == wanted && TryMatch(route.Segments, segments, out values))
            {
                return route;
            }
        }

        values = new Dictionary<string, string>(0);
        return null;
    }

    private static bool TryMatch(string[] template, string[] segments, out Dictionary<string, string> values)
    {
        values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (template.Length != segments.Length)
        {
            return false;
        }

        for (int i = 0; i < template.Length; i++)
        {
            string part = template[i];
            if (part.Length > 2 && part[0] == '{' && part[part.Length - 1] == '}')
            {
                if (segments[i].Length == 0)
                {
                    return false;
                }

                values[part.Substring(1, part.Length - 2)] = segments[i];
            }
            else if (!string.Equals(part, segments[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
