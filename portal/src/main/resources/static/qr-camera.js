// QRコード by camera: grabs a frame about every 500 ms and posts it (with the CSRF token) until the server reads a
// seal. The frames go only to the portal; nothing is kept in the browser. Without scripts the section stays hidden.
(function () {
  var section = document.getElementById('camera-section');
  if (!section || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || !window.fetch) {
    return;
  }
  section.hidden = false;
  var start = document.getElementById('camera-start');
  var stop = document.getElementById('camera-stop');
  var status = document.getElementById('camera-status');
  var video = document.getElementById('camera-video');
  var token = document.querySelector('#image-form input[name=_csrf]').value;
  var canvas = document.createElement('canvas');
  var stream = null;
  var timer = null;

  function say(text) { status.textContent = text; }

  function halt() {
    if (timer) { clearTimeout(timer); timer = null; }
    if (stream) { stream.getTracks().forEach(function (track) { track.stop(); }); stream = null; }
    video.hidden = true;
    start.hidden = false;
    stop.hidden = true;
  }

  function next() {
    timer = setTimeout(grab, 500);
  }

  function grab() {
    if (!stream || !video.videoWidth) { if (stream) { next(); } return; }
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext('2d').drawImage(video, 0, 0);
    canvas.toBlob(function (blob) {
      var body = new FormData();
      body.append('_csrf', token);
      body.append('frame', blob, 'frame.png');
      fetch('/qr/frame', { method: 'POST', body: body, credentials: 'same-origin' })
        .then(function (response) {
          if (!response.ok) { throw new Error('HTTP ' + response.status); }
          return response.json();
        })
        .then(function (answer) {
          if (answer.status === 'filled') {
            halt();
            say('読み取りました。個別認証の画面に移ります。');
            window.location.assign(answer.location);
          } else if (answer.status === 'refused') {
            halt();
            say(answer.message);
            status.className = 'error';
          } else if (stream) {
            next();
          }
        })
        .catch(function () {
          halt();
          say('読み取りを続けられませんでした。画面を開き直してから操作してください。');
          status.className = 'error';
        });
    }, 'image/png');
  }

  start.addEventListener('click', function () {
    status.className = '';
    say('カメラを起動しています…');
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(function (media) {
        stream = media;
        video.srcObject = media;
        video.hidden = false;
        start.hidden = true;
        stop.hidden = false;
        return video.play();
      })
      .then(function () {
        say('読み取り中です。シールをカメラに向けてください。');
        next();
      })
      .catch(function () {
        halt();
        say('カメラを使えません。ブラウザのカメラの許可を確認するか、スキャナまたは画像で読み取ってください。');
        status.className = 'error';
      });
  });
  stop.addEventListener('click', function () {
    halt();
    say('カメラを停止しました。');
  });
})();
