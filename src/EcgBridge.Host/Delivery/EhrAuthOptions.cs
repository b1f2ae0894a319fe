namespace EcgBridge.Host.Delivery;

/// <summary>
/// How EcgBridge authenticates to the EHR (<c>EcgBridge:Ehr:Auth</c>): <c>none</c>; <c>bearer</c> with a static token
/// (from the environment or a secret store, never a file in git); or <c>smart-backend</c> — SMART Backend Services:
/// client credentials with a <c>private_key_jwt</c> client assertion signed RS384 or ES384.
/// </summary>
public sealed class EhrAuthOptions
{
    /// <summary><c>none</c>, <c>bearer</c> or <c>smart-backend</c>.</summary>
    public string Mode { get; set; } = "none";

    /// <summary>The static token for <c>bearer</c>.</summary>
    public string? Token { get; set; }

    /// <summary>The token endpoint; when empty, read from <c>&lt;BaseUrl&gt;/.well-known/smart-configuration</c>.</summary>
    public string? TokenUrl { get; set; }

    /// <summary>The client id registered at the EHR (iss and sub of the assertion).</summary>
    public string? ClientId { get; set; }

    /// <summary>PEM file of the private key (RSA for RS384, P-384 EC for ES384), readable by the service only.</summary>
    public string? PrivateKeyPath { get; set; }

    /// <summary>Key id (<c>kid</c>) of the key in the JWKS registered at the EHR.</summary>
    public string? KeyId { get; set; }

    /// <summary>Scopes asked for, e.g. <c>system/RiskAssessment.write system/Device.write system/Provenance.write</c>.</summary>
    public string Scope { get; set; } = "system/RiskAssessment.write";
}
