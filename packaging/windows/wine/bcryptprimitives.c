/* A test aid for Wine 8 only, never shipped: Rust's standard library imports
 * ProcessPrng from bcryptprimitives.dll, which Windows 10 and 11 have and Wine 8
 * lacks. This stand-in fills the buffer with RtlGenRandom (advapi32's
 * SystemFunction036). packaging/test-windows.sh builds it and copies it into the
 * Wine prefix's system32. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
