using System;
using System.Globalization;
using System.Management.Automation;

namespace YotiIdv.Infrastructure;

/// <summary>
/// Lets a TimeSpan parameter take a number of seconds (<c>-Timeout 30</c>, <c>-PollInterval 0.5</c>) as well as a
/// TimeSpan or its text (<c>00:05:00</c>). Without it PowerShell would read a number as ticks.
/// </summary>
internal sealed class SecondsTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        object value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        switch (value)
        {
            case int or long or double or float or decimal or short or byte:
                return TimeSpan.FromSeconds(Convert.ToDouble(value, CultureInfo.InvariantCulture));
            case string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds):
                return TimeSpan.FromSeconds(seconds);
            default:
                return inputData;
        }
    }
}
