# Loaded by moto_server's Python when this folder is on PYTHONPATH (testkit's startMoto puts it there).
# It makes moto 5.2 answer like AWS where awst depends on the difference and moto has no setting for it:
#
# - iam:ListMFADevices without UserName lists the devices of the user whose key signed the request, as AWS
#   documents; moto raises NoSuchEntity "The user with name None cannot be found".
#
# If a later moto no longer has what is patched here, the server exits at once with a message, so the
# difference cannot come back unnoticed.
import os
import sys

try:
    from moto.iam.responses import IamResponse

    _list_mfa_devices = IamResponse.list_mfa_devices

    def _list_mfa_devices_of_caller(self):
        if not self._get_param("UserName"):
            user = self.backend.get_user_from_access_key_id(self.get_access_key())
            if user is not None:
                self.params["UserName"] = user.name
        return _list_mfa_devices(self)

    IamResponse.list_mfa_devices = _list_mfa_devices_of_caller
except Exception as error:  # noqa: BLE001 - any failure means the patch is not in place
    sys.stderr.write(f"testkit moto-as-aws: cannot patch moto ({error!r}); update {__file__}\n")
    sys.stderr.flush()
    os._exit(70)
