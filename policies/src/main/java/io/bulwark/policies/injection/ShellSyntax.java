package io.bulwark.policies.injection;

/** The command languages a process may be asked to interpret. */
public enum ShellSyntax {
    /** sh, dash, bash, zsh, ksh: POSIX with the bash extensions. */
    POSIX,
    /** Windows {@code cmd.exe /c}. */
    CMD,
    /** {@code powershell} and {@code pwsh -Command}. */
    POWERSHELL
}
