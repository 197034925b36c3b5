using System;
using System.Management.Automation;
using System.Security;

namespace YotiIdv.Infrastructure;

/// <summary>Lets -PrivateKey take a plain string too (e.g. a PEM read from a secret store in CI).</summary>
internal sealed class SecureStringTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        object value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        if (value is string text)
        {
            var secure = new SecureString();
            foreach (char c in text)
            {
                secure.AppendChar(c);
            }

            secure.MakeReadOnly();
            return secure;
        }

        return inputData;
    }
}
